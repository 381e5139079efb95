"""Data files shipped with Kaika: rule packs, translations, fonts, styles."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
RULEPACKS = ROOT / "rulepacks"
I18N = ROOT / "i18n"
