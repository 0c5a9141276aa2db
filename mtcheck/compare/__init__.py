"""Model comparison: sacrebleu metrics, LM pronoun re-scoring, second-opinion MT.

Nothing here imports torch or transformers at import time; model code is loaded
inside functions, so the rules-only install never needs them.
"""
