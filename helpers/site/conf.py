"""Sphinx configuration of the course website (``make site``).

The source tree is a staged copy of the repository's layout that
``helpers.sitebuild`` makes, so links between notebooks in different
folders resolve exactly as they do in JupyterLab. Nothing is executed:
every page shows the outputs stored in the notebooks.
"""

project = "Automatic differentiation, from scratch to TF and PyTorch"
author = "The autodiff course team"
copyright = "2026, the autodiff course team"

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type"]

html_theme = "sphinx_book_theme"
html_title = "Autodiff from scratch"
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_copy_source = True
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
html_last_updated_fmt = None
# MathJax 3 from the site itself (copied from the npm registry at build
# time): no CDN, so formulas render offline.
mathjax_path = "mathjax/tex-chtml.js"
mathjax3_config = {
    "tex": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
    }
}
