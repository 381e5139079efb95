"""Devices without Qt: printers, scanners, card readers and encoders, drawer, display."""
