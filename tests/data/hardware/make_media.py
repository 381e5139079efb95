"""Write codes.avi beside this script: the camera test video, for trying by hand.

    .venv/bin/python tests/data/hardware/make_media.py
    .venv/bin/kaika hardware scan --scanner tests/data/hardware/codes.avi

The tests make the same video on the fly (tests/integration/hardware/conftest.py), so
nothing binary is kept in the repository.
"""

from __future__ import annotations

from pathlib import Path

from hardware.peers.video_peer import write_code_video

CODES = (("QRCODE", "KAIKA:1304401000125"), ("EAN13", "6901234567892"),
         ("CODE128", "1304401000125"), ("EAN13", "2100123012503"))

if __name__ == "__main__":
    path = write_code_video(Path(__file__).with_name("codes.avi"), CODES)
    print(f"wrote {path}")
