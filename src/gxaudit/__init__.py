"""gxaudit: scores government information-disclosure submissions against declarative rule packs."""

__version__ = "0.1.0"
