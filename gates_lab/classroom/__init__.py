"""gates_lab.classroom: the teaching material built on the ``gates`` engine (NumPy only).

- :mod:`gates_lab.classroom.inputs`     input patterns (steps, pulses, ramps, tokens ...)
- :mod:`gates_lab.classroom.weights`    hand-set weights from per-gate blocks
- :mod:`gates_lab.classroom.presets`    named scenarios for the cell pages
- :mod:`gates_lab.classroom.challenges` exercises: set a cell's weights to meet a goal
- :mod:`gates_lab.classroom.tasks`      toy sequence tasks for the learned-gates page
- :mod:`gates_lab.classroom.training`   training on those tasks (torch inside functions only) and
                              the shipped model files

Only data and stable names live here; every title and explanation a student reads is in
the lab's string catalogue (``gates_lab/locales/``). ``gates_lab.classroom`` imports ``gates``; ``gates``
never imports ``gates_lab.classroom``.
"""
