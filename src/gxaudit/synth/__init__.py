"""Synthetic documents: spec blocks and the renderers that write them in every format."""
