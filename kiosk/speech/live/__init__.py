"""The live voice through pyttsx3: one worker thread synthesises sentences, the GUI plays them.

How it works, and why
---------------------
* One dedicated ``SpeechWorker`` thread creates the pyttsx3 engine and is the only
  thread that ever touches it (SAPI5 is a COM apartment object, espeak-ng keeps global
  state). The GUI thread sends it commands through a ``queue.Queue``; the worker answers
  through Qt signals on a small bridge object, delivered as queued connections, so the
  GUI thread never waits for the engine.
* The worker does not let the engine play sound. It synthesises each sentence to a WAV
  file, and the GUI thread plays the files one after another with a player it can
  silence at once. This is the only design that meets "stop within 200 ms" on every
  platform: pyttsx3 2.98's espeak driver plays through ``aplay`` via ``os.system``
  (blocking, not interruptible by ``engine.stop()``, and needs alsa-utils), and its
  ``save_to_file`` needs ffmpeg; SAPI5's own stop only acts on word boundaries from a
  callback. With files, ``stop()`` kills a child process or purges ``winsound`` and
  returns in well under a millisecond, and the next utterance is never queued behind
  the old one. It also gives exact sentence timing for the highlight.
* espeak-ng (Linux): the engine is created with ``pyttsx3.Engine("espeak")``; the
  driver already loaded libespeak-ng in retrieval mode, so the worker installs its own
  synth callback, collects the samples (as the driver's ``_onSynth`` does) and writes
  the WAV with the ``wave`` module: synthesis needs neither ffmpeg nor aplay. The
  callback aborts synthesis as soon as the utterance is stale. A sentence takes about
  20 ms to synthesise, so the worker runs ahead and playback never waits between
  sentences.
* SAPI5 (Windows) and NSSpeechSynthesizer (macOS): ``engine.save_to_file`` +
  ``runAndWait`` per sentence, which these drivers implement natively.
* Playback: ``winsound`` on Windows (standard library, asynchronous, stopped by
  ``PlaySound(None, 0)``); elsewhere the first of ``pw-play``, ``paplay``, ``aplay``,
  ``afplay`` found, as a child process that ``stop()`` kills. Without a player or an
  audio device (CI machines), sentences are "played" silently for their real length, so
  the highlight and ``finished`` still come at speaking pace. Qt Multimedia is not used:
  it loads an FFmpeg plugin, warns on every start without a sound server, and would be
  one more large module in the Windows bundle for what ``winsound`` already does.
* The text handed to the engine comes from ``kiosk.core.voice.kana``: fixed kana for
  espeak-ng, which cannot read kanji (it says "Chinese letter"); kanji with the author's
  readings of other words for engines that read kanji in context.

The modules, in the order the sound flows: ``voices`` (choosing a Japanese voice),
``synth`` (engine and voice to an audio file), ``worker`` (the thread that owns the
engine), ``playback`` (the GUI thread plays the files), ``speaker`` (``Pyttsx3Speaker``,
the ``Speaker`` screens use) and ``probe`` (blocking checks for self-test and tools).
"""
