# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

import io
import os

import pytest

from nlp_zero.files import InputError, atomic_write, lzma, open_binary, sniff_compression

TEXT = '词语 3\n中文 2\n'


@pytest.mark.parametrize('suffix', ['', '.gz', '.bz2', '.xz'])
def test_compression_round_trip(tmpdir, suffix):
    if suffix == '.xz' and lzma is None:
        pytest.skip('no lzma')
    path = str(tmpdir.join('out.txt' + suffix))
    with atomic_write(path) as out:
        out.write(TEXT)
    with io.open(path, 'rb') as f:
        kind = sniff_compression(f.read(6))
    assert kind == {'': None, '.gz': 'gzip', '.bz2': 'bzip2', '.xz': 'xz'}[suffix]
    stream = open_binary(path)
    try:
        assert stream.read().decode('utf-8') == TEXT
    finally:
        stream.close()


def test_atomic_write_keeps_old_file_on_error(tmpdir):
    path = str(tmpdir.join('keep.txt'))
    with atomic_write(path) as out:
        out.write('old\n')
    with pytest.raises(RuntimeError):
        with atomic_write(path) as out:
            out.write('new half')
            raise RuntimeError('boom')
    with io.open(path, encoding='utf-8') as f:
        assert f.read() == 'old\n'
    assert os.listdir(str(tmpdir)) == ['keep.txt']      # no temporary left behind


def test_atomic_write_binary_and_permissions(tmpdir):
    path = str(tmpdir.join('b.bin'))
    with atomic_write(path, binary=True) as out:
        out.write(b'\x00\x01')
    os.chmod(path, 0o600)
    with atomic_write(path, binary=True) as out:
        out.write(b'\x02')
    with io.open(path, 'rb') as f:
        assert f.read() == b'\x02'
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_open_binary_errors(tmpdir):
    with pytest.raises(InputError):
        open_binary(str(tmpdir.join('missing')))
    with pytest.raises(InputError):
        open_binary(str(tmpdir))


def test_atomic_write_through_symlink_keeps_the_link(tmpdir):
    target = str(tmpdir.join('target.txt'))
    link = str(tmpdir.join('link.txt'))
    with io.open(target, 'w', encoding='utf-8') as f:
        f.write('old\n')
    os.symlink(target, link)
    with atomic_write(link) as out:
        out.write('新\n')
    assert os.path.islink(link)
    with io.open(target, encoding='utf-8') as f:
        assert f.read() == '新\n'


def test_atomic_write_to_a_device_writes_in_place():
    # Renaming a temporary file over /dev/null would replace the device node.
    with atomic_write(os.devnull) as out:
        out.write('x')
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_atomic_write_to_a_directory_is_a_clear_error(tmpdir):
    with pytest.raises(InputError) as info:
        with atomic_write(str(tmpdir)) as out:
            out.write('x')
    assert 'directory' in str(info.value)


@pytest.mark.parametrize('suffix', ['.gz', '.bz2', '.xz'])
def test_truncated_compressed_file_is_a_clear_input_error(tmpdir, suffix):
    if suffix == '.xz' and lzma is None:
        pytest.skip('no lzma')
    from nlp_zero.corpus import Corpus
    from nlp_zero.lexicon import Lexicon
    from nlp_zero.templates import load_templates
    whole = str(tmpdir.join('whole.txt' + suffix))
    with atomic_write(whole) as out:
        out.write('我爱北京天安门 3\n' * 2000)
    with io.open(whole, 'rb') as f:
        data = f.read()
    cut = str(tmpdir.join('cut.txt' + suffix))
    with io.open(cut, 'wb') as f:
        f.write(data[:len(data) // 2])
    for read in (lambda: list(Corpus(cut)), lambda: Lexicon.load(cut), lambda: load_templates(cut)):
        with pytest.raises(InputError) as info:
            read()
        assert cut in str(info.value)


# -- errors name the target; temporary files and their clean-up ---------------

def _temporaries(directory):
    from nlp_zero.files import TEMP_TAG
    return sorted(n for n in os.listdir(str(directory)) if TEMP_TAG in n)


def test_atomic_write_errors_name_the_target_not_the_temporary(tmpdir):
    from nlp_zero.files import TEMP_TAG
    target = str(tmpdir.join('missing-dir', 'out.txt'))
    with pytest.raises((IOError, OSError)) as info:
        with atomic_write(target) as out:
            out.write('x')
    assert info.value.filename == target and 'does not exist' in str(info.value)
    assert TEMP_TAG not in str(info.value)


@pytest.mark.skipif(not os.path.exists('/dev/full'), reason='needs /dev/full')
def test_atomic_write_to_a_full_device_names_it():
    with pytest.raises((IOError, OSError)) as info:
        with atomic_write('/dev/full') as out:
            out.write('x' * 100000)
    assert info.value.filename == '/dev/full' and 'No space left' in str(info.value)


def test_temporary_name_pid_and_lock(tmpdir):
    from nlp_zero.files import TEMP_TAG, _is_locked
    target = str(tmpdir.join('out.txt'))
    with atomic_write(target) as out:
        out.write('x')
        names = _temporaries(tmpdir)
        assert len(names) == 1 and names[0].startswith('.out.txt%s%d.' % (TEMP_TAG, os.getpid()))
        if os.name == 'posix':
            assert _is_locked(str(tmpdir.join(names[0])))   # the writer holds it
    assert _temporaries(tmpdir) == [] and io.open(target).read() == 'x'


def _dead_pid():
    """The pid of a process that has ended (and been reaped)."""
    import subprocess
    import sys
    proc = subprocess.Popen([sys.executable, '-c', 'pass'])
    proc.wait()
    return proc.pid


@pytest.mark.skipif(os.name != 'posix', reason='the clean-up is POSIX only')
def test_stale_temporaries_of_the_same_target_are_removed(tmpdir):
    import time
    from nlp_zero.files import STALE_AFTER, TEMP_TAG, remove_stale_temporaries
    target = str(tmpdir.join('out.txt'))

    def temporary(name_pid, age=0, target_name='out.txt'):
        path = str(tmpdir.join('.%s%s%d.%d' % (target_name, TEMP_TAG, name_pid, len(os.listdir(str(tmpdir))))))
        with open(path, 'w') as f:
            f.write('half')
        then = time.time() - age
        os.utime(path, (then, then))
        return os.path.basename(path)

    dead = temporary(_dead_pid())                                # its process is gone
    reused = temporary(os.getpid(), age=STALE_AFTER + 60)        # old, nobody holds it: pid reused
    fresh = temporary(os.getpid())                               # may be a writer starting up
    other_target = temporary(_dead_pid(), target_name='other.txt')   # not ours to judge
    unrelated = str(tmpdir.join('.out.txt.tmp'))
    open(unrelated, 'w').close()
    assert sorted(remove_stale_temporaries(target)) == sorted([dead, reused])
    assert _temporaries(tmpdir) == sorted([fresh, other_target]) and os.path.exists(unrelated)
    # A live, locked writer's file is kept whatever its age.
    with atomic_write(target) as out:
        out.write('new')
        live = [n for n in _temporaries(tmpdir) if n not in (fresh, other_target)]
        old = time.time() - STALE_AFTER - 60
        os.utime(str(tmpdir.join(live[0])), (old, old))
        assert remove_stale_temporaries(target) == []
    # Writing the target runs the clean-up itself.
    temporary(_dead_pid())
    with atomic_write(target) as out:
        out.write('again')
    assert _temporaries(tmpdir) == sorted([fresh, other_target])
