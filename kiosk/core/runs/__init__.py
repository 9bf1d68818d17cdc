"""What a learner does in one lesson, rehearsal or drill, kept apart from the screens.

A run holds the activity's pages, the learner's place, their mistakes, the time taken and
whether they finished. Screens show a run and pass the learner's taps to it; finishing
gives a ``Completion`` that the visit records in one place.
"""
