# -*- coding: utf-8 -*-
"""Rebuild nlp_zero/data/jieba_dict.txt.gz from jieba's dict.txt (MIT licence).

Drops the part-of-speech tags (the tokenizer only needs `word freq`) and writes
a reproducible gzip (mtime 0).  Usage:

    python bench/build_default_lexicon.py [path/to/jieba/dict.txt]

Default: the dict.txt of the installed `jieba` package.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import gzip
import io
import os
import sys


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        source = argv[0]
    else:
        import jieba
        source = os.path.join(os.path.dirname(jieba.__file__), 'dict.txt')
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'nlp_zero', 'data',
                          'jieba_dict.txt.gz')
    lines = []
    with io.open(source, encoding='utf-8') as stream:
        for line in stream:
            fields = line.split()
            if fields:
                lines.append('%s %s\n' % (fields[0], fields[1]))
    data = ''.join(lines).encode('utf-8')
    with open(target + '.tmp', 'wb') as raw:
        with gzip.GzipFile(filename='', mode='wb', fileobj=raw, compresslevel=9, mtime=0) as out:
            out.write(data)
    os.rename(target + '.tmp', target)
    print('%s: %d words, %d bytes' % (target, len(lines), os.path.getsize(target)))


if __name__ == '__main__':
    main()
