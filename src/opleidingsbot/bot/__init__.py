"""The employee's assistant: command line, terminal chat and Telegram front doors."""
