"""Bundle start-up: the optional camera part (OpenCV and numpy) is a `camera` folder beside
the `kaika` program; when it is there its packages are importable, when not the till says
camera scanning is not installed (hardware/camera.py)."""

import os
import sys

_camera = os.path.join(os.path.dirname(os.path.abspath(sys.executable)), "camera")
if os.path.isdir(_camera):
    sys.path.append(_camera)
