"""The device layer: card readers, PIN pads and check scanners behind one asyncio API.

Qt-free on purpose: the UI adapts ``DeviceManager`` events to signals, the CLI and tests
drive the same code with simulators. Nothing here imports PySide6, hidapi or pyusb at import
time; backends import their library when first opened.
"""
