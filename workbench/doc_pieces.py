"""Small Docs cut from a tokenized text, for the model: the fast path's line runs and the recognizer's sentences.

``Span.as_doc`` does the same but copies every attribute and looks up a vector per token, which cost more than
the tagger. A piece needs only what the model reads: the words, their trailing spaces and the norms that
tokenizer exceptions set ("Oct." -> "october").
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, LENGTH, NORM, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab


class TokenTable:
    """A tokenized text as plain lists (words, trailing spaces) and norms, sliced by offset: no Token objects."""

    def __init__(self, doc: Doc, text: str):
        self.text = text
        if len(doc):
            starts, lengths, spaces = doc.to_array([IDX, LENGTH, SPACY]).T.tolist()
            self.words = [text[a : a + n] for a, n in zip(starts, lengths, strict=True)]
            self.spaces = [bool(x) for x in spaces]
        else:
            self.words, self.spaces = [], []
        self.norms = doc.to_array([NORM]) if len(doc) else numpy.zeros(0, dtype="uint64")

    def piece(self, vocab: Vocab, lo: int, hi: int) -> Doc:
        """Tokens ``lo:hi`` as a standalone Doc."""
        doc = Doc(vocab, words=self.words[lo:hi], spaces=self.spaces[lo:hi])
        if hi > lo:
            doc.from_array([NORM], self.norms[lo:hi].reshape(-1, 1))
        return doc
