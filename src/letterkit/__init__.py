"""letterkit: write, check and test plain-language official letters in fi, sv and en."""

__version__ = "0.1.0"

LANGUAGES = ("fi", "sv", "en")
