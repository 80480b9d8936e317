"""The front doors: Telegram and the terminal. They translate, the dialogue decides."""
