"""Helpers for the autodiff course notebooks.

``import helpers`` before TensorFlow: it sets the environment variables that
keep TensorFlow's start-up logs out of the notebooks. The lessons themselves
(dual numbers, the scalar engine, hand-written backward passes) live in the
notebooks, not here.
"""

from .notebook import quiet_tensorflow

quiet_tensorflow()

from .explorers import (  # noqa: E402
    descent_explorer,
    newton_explorer,
    step_size_explorer,
    tangent_explorer,
)
from .gradcheck import GradientCheck, check_gradient  # noqa: E402
from .notebook import setup, versions  # noqa: E402
from .numerical import (  # noqa: E402
    derivative,
    gradient,
    hessian,
    jacobian,
    relative_error,
)
from .plotting import (  # noqa: E402
    draw_graph,
    plot_descent_path,
    plot_difference_errors,
    plot_function,
    plot_gradient_field,
    plot_secants,
    plot_tangent,
    plot_training,
)
from .quiz import Question  # noqa: E402
from .timing import Spread, ratio, time_calls  # noqa: E402
from .tracking import progress  # noqa: E402

__all__ = [
    "GradientCheck",
    "Question",
    "Spread",
    "check_gradient",
    "derivative",
    "descent_explorer",
    "draw_graph",
    "gradient",
    "hessian",
    "jacobian",
    "newton_explorer",
    "plot_descent_path",
    "plot_difference_errors",
    "plot_function",
    "plot_gradient_field",
    "plot_secants",
    "plot_tangent",
    "plot_training",
    "progress",
    "ratio",
    "relative_error",
    "setup",
    "step_size_explorer",
    "tangent_explorer",
    "time_calls",
    "versions",
]
