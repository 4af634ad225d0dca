"""The device layer: card readers and check readers behind one asyncio API.

Qt-free on purpose: the UI adapts ``DeviceManager`` events to signals, the CLI and tests
drive the same code with simulators. Nothing here imports PySide6, hidapi or pyserial at import
time; backends import their library when first opened.
"""
