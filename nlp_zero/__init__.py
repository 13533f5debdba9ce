# -*- coding: utf-8 -*-
"""nlp-zero: learn Chinese words, a tokenizer and sentence templates from raw text.

No dictionary, no annotated data, no dependencies.  The pipeline, one module a
stage::

    corpus      read files / stdin / iterables (utf-8, gb18030; gz, bz2, xz)
    ngrams      streaming n-gram counter (bounded memory, mergeable, save/load)
    discovery   minimum-entropy word discovery -> Lexicon
    lexicon     word counts + scores; jieba / TSV dictionary files
    trie        word -> count trie, the tokenizer's index
    tokenizer   maximum-probability segmentation over a lexicon; unknown words (HMM=True)
    templates   sentence-template miner and matcher
    parsing     nesting of templates over a sentence (an unsupervised parse)
    cli         the ``nlp-zero`` command

>>> import nlp_zero
>>> words = nlp_zero.discover_words(['...raw text lines...'])      # doctest: +SKIP
>>> nlp_zero.Tokenizer(words).lcut('...')                          # doctest: +SKIP

jieba's module-level functions work the same here (``cut``, ``lcut``,
``cut_for_search``, ``lcut_for_search``, ``tokenize``, ``add_word``,
``del_word``, ``suggest_freq``, ``load_userdict``), on a default tokenizer
with the bundled dictionary.  Importing the package is cheap: that
dictionary is only read the first time one of them needs it.
"""
from __future__ import absolute_import, division  # no unicode_literals: __all__ must hold native str on Python 2

__version__ = '0.2.0'

from .files import InputError  # noqa: E402
from .corpus import Corpus, read_corpus  # noqa: E402
from .ngrams import NgramCounter, count_ngrams  # noqa: E402
from .lexicon import Lexicon  # noqa: E402
from .trie import Trie, DAG  # noqa: E402
from .tokenizer import (Tokenizer, add_word, cut, cut_for_search, del_word, lcut,  # noqa: E402
                        lcut_for_search, load_userdict, suggest_freq, tokenize)
from .discovery import discover_words, Word_Finder  # noqa: E402
from .templates import (Template, Template_Finder, XTrie, mine_templates,  # noqa: E402
                        save_templates, load_templates, dump_templates)
from .parsing import Parser, SentTree  # noqa: E402

__all__ = [
    'InputError', 'Corpus', 'read_corpus', 'NgramCounter', 'count_ngrams', 'Lexicon',
    'Trie', 'DAG', 'Tokenizer', 'cut', 'lcut', 'cut_for_search', 'lcut_for_search', 'tokenize', 'add_word',
    'del_word', 'suggest_freq', 'load_userdict', 'discover_words', 'Word_Finder',
    'Template', 'Template_Finder', 'XTrie', 'mine_templates', 'save_templates', 'load_templates',
    'dump_templates',
    'Parser', 'SentTree', '__version__',
]
