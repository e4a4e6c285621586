"""classroom: the teaching material built on the ``gates`` engine (NumPy only).

- :mod:`classroom.inputs`     input patterns (steps, pulses, ramps, tokens ...)
- :mod:`classroom.weights`    hand-set weights from per-gate blocks
- :mod:`classroom.presets`    named scenarios for the cell pages
- :mod:`classroom.challenges` exercises: set a cell's weights to meet a goal
- :mod:`classroom.tasks`      toy sequence tasks for the learned-gates page
- :mod:`classroom.training`   training on those tasks (torch inside functions only) and
                              the shipped model files

Only data and stable names live here; every title and explanation a student reads is in
the lab's string catalogue (``lab/locales/``). ``classroom`` imports ``gates``; ``gates``
never imports ``classroom``.
"""
