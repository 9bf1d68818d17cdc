"""Speech guidance: one ``Speaker`` interface, pre-rendered clips first, the live voice for the rest.

* ``base``: the ``Speaker`` interface every screen talks to, and the silent ``NullSpeaker``.
* ``factory``: picks the speaker at start-up and probes it for ``kiosk self-test``.
* ``voiced`` and ``clip_player``: sentences with a pre-rendered clip, played with miniaudio.
* ``live``: the live voice, pyttsx3 in a worker thread (voices, synth, worker, playback,
  speaker, probe).
"""
