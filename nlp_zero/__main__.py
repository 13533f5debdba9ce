# -*- coding: utf-8 -*-
"""``python -m nlp_zero ...`` is the same as the ``nlp-zero`` command."""
from __future__ import absolute_import, division, unicode_literals

import sys

from nlp_zero.cli import main

if __name__ == '__main__':
    sys.exit(main())
