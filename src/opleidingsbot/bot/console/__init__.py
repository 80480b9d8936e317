"""HR's console in the browser (an ASGI app)."""
