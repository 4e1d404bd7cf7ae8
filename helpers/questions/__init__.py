"""One module per chapter, ``chNN``, holding that chapter's questions."""
