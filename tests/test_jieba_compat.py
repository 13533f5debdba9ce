# -*- coding: utf-8 -*-
"""jieba's signatures, with jieba's meaning, on jieba's README examples.

The expected outputs are those of jieba's README (jieba 0.42.1).  The
unknown-word model is off by default here (``HMM=False``, jieba's is on), so
the README's HMM-made words (杭研, 小明) need ``HMM=True``; without it they
come out as jieba's own ``HMM=False`` gives them (杭/研, 小/明).  The bundled
dictionary is jieba's, so the default tokenizer is compared with them directly.  Where
jieba is installed (the test extra), the same calls are made on jieba with
its dictionary, loaded into both: same shapes, same words.
"""
from __future__ import absolute_import, division, unicode_literals

import gzip
import os
import re
import subprocess
import sys
import types

import pytest

import nlp_zero
from nlp_zero import tokenizer as tokenizer_module
from nlp_zero.compat import text_type
from nlp_zero.tokenizer import Tokenizer
from nlp_zero.trie import Trie
from nlp_zero.units import is_ideographic

HERE = os.path.dirname(os.path.abspath(__file__))
NOVEL = os.path.join(HERE, '..', 'corpora', 'xiyouji.txt.gz')

README_SENTENCES = ['我来到北京清华大学', '他来到了网易杭研大厦', '小明硕士毕业于中国科学院计算所，后在日本京都大学深造',
                    '李小福是创新办主任也是云计算方面的专家', '如果放到post中将出错。', '「台中」正确应该不会被切开',
                    '永和服装饰品有限公司']
# jieba's test/userdict.txt, less its last line 'Edu Trust认证 2000': a word
# with a space needs the TSV format here (the jieba format is split on spaces).
USERDICT = '云计算 5\n李小福 2 nr\n创新办 3 i\neasy_install 3 eng\n好用 300\n韩玉赏鉴 3 nz\n八一双鹿 3 nz\n台中\n凱特琳 nz\n'


@pytest.fixture(scope='module')
def bundled():
    """The bundled dictionary (jieba's), loaded once; tests copy it before changing it."""
    return Trie.load(tokenizer_module.DEFAULT_LEXICON)


@pytest.fixture
def tok(bundled):
    return Tokenizer(bundled.copy())


def slashed(words):
    return '/'.join(words)


# -- jieba's README, on the bundled (jieba) dictionary -------------------------

def test_the_three_modes(tok):
    sentence = '我来到北京清华大学'
    assert slashed(tok.cut(sentence, cut_all=True)) == '我/来到/北京/清华/清华大学/华大/大学'    # 全模式
    assert slashed(tok.cut(sentence, cut_all=False)) == '我/来到/北京/清华大学'                 # 精确模式
    assert slashed(tok.cut(sentence)) == '我/来到/北京/清华大学'                                # 默认是精确模式
    assert slashed(tok.cut('他来到了网易杭研大厦')) == '他/来到/了/网易/杭/研/大厦'             # README: 杭研 (HMM)
    assert slashed(tok.cut_for_search('小明硕士毕业于中国科学院计算所，后在日本京都大学深造')) == (
        '小/明/硕士/毕业/于/中国/科学/学院/科学院/中国科学院/计算/计算所/，/后/在/日本/京都/大学/日本京都大学/深造')


def test_hmm_readme_examples(tok):
    # jieba's README with its default HMM=True: the words its HMM makes.
    assert slashed(tok.cut('他来到了网易杭研大厦', HMM=True)) == '他/来到/了/网易/杭研/大厦'
    assert slashed(tok.cut_for_search('小明硕士毕业于中国科学院计算所，后在日本京都大学深造', HMM=True)) == (
        '小明/硕士/毕业/于/中国/科学/学院/科学院/中国科学院/计算/计算所/，/后/在/日本/京都/大学/日本京都大学/深造')
    # jieba's README before its user dictionary: 李小福 by the HMM, 云/计算 (as jieba: 云 is a lone character
    # next to a dictionary word, which neither model joins).
    assert slashed(tok.cut('李小福是创新办主任也是云计算方面的专家', HMM=True)) == (
        '李小福/是/创新/办/主任/也/是/云/计算/方面/的/专家')
    assert tok.lcut('我叫小明', HMM=True) == ['我', '叫', '小明']


def test_hmm_keyword_everywhere(tok):
    for sentence in README_SENTENCES:
        default = tok.lcut(sentence)
        assert tok.lcut(sentence, HMM=False) == tok.lcut(sentence, False, False) == default   # off by default
        on = tok.lcut(sentence, HMM=True)
        assert tok.lcut(sentence, False, True) == list(tok.cut(sentence, HMM=True)) == on
        assert [word for word, _, _ in tok.tokenize(sentence, HMM=True)] == on
        assert tok.lcut(sentence, cut_all=True, HMM=True) == tok.lcut(sentence, True)        # no effect in full mode
        search = [word for word, _, _ in tok.tokenize(sentence, mode='search', HMM=True)]
        assert tok.lcut_for_search(sentence, HMM=True) == list(tok.cut_for_search(sentence, HMM=True)) == search
        assert [word for word in search if word in on] == on
    assert nlp_zero.lcut('他来到了网易杭研大厦', HMM=True)[4] == '杭研'      # module level


def test_types_like_jieba(tok):
    sentence = README_SENTENCES[2]
    for generator in (tok.cut(sentence), tok.cut(sentence, cut_all=True), tok.cut_for_search(sentence),
                      tok.tokenize(sentence), tok.tokenize(sentence, mode='search')):
        assert isinstance(generator, types.GeneratorType)
    for words in (tok.lcut(sentence), tok.lcut(sentence, cut_all=True), tok.lcut_for_search(sentence)):
        assert isinstance(words, list) and all(isinstance(word, text_type) and word for word in words)
    with pytest.raises(ValueError):
        list(tok.tokenize(sentence, mode='full'))


def test_tokenize_readme_example(tok):
    sentence = '永和服装饰品有限公司'
    assert list(tok.tokenize(sentence)) == [('永和', 0, 2), ('服装', 2, 4), ('饰品', 4, 6), ('有限公司', 6, 10)]
    assert list(tok.tokenize(sentence, mode='search')) == [
        ('永和', 0, 2), ('服装', 2, 4), ('饰品', 4, 6), ('有限', 6, 8), ('公司', 8, 10), ('有限公司', 6, 10)]


def test_suggest_freq_readme_examples(tok):
    # A tuple forces a split, a string keeps the word whole; tune=True applies it.
    assert slashed(tok.cut('如果放到post中将出错。', HMM=False)) == '如果/放到/post/中将/出错/。'
    assert tok.suggest_freq(('中', '将'), True) == 494
    assert slashed(tok.cut('如果放到post中将出错。', HMM=False)) == '如果/放到/post/中/将/出错/。'
    assert slashed(tok.cut('「台中」正确应该不会被切开', HMM=False)) == '「/台/中/」/正确/应该/不会/被/切开'
    assert tok.suggest_freq('台中', True) == 69
    assert slashed(tok.cut('「台中」正确应该不会被切开', HMM=False)) == '「/台中/」/正确/应该/不会/被/切开'


def test_suggest_freq_values_follow_the_counts():
    tok = Tokenizer({'中': 50, '将': 40, '中将': 30, '台': 7, '中台': 5})
    total = 132
    # Split: the largest count below count(中) count(将) / total, at most the present one.
    assert tok.suggest_freq(('中', '将')) == min(int(50 * 40 / total), 30) == 15
    assert tok.trie['中将'] == 30                       # tune=False changes nothing
    # Whole: one more than the product of its present pieces' probabilities.
    assert tok.lcut('台中') == ['台', '中']
    assert tok.suggest_freq('台中') == int(7 * 50 / total) + 1 == 3
    assert tok.suggest_freq(('台', '湾')) == 0            # an absent word stays absent
    tok.suggest_freq(('中', '台'), tune=True)            # count(中台) becomes int(50 * 7 / 132) = 2
    assert tok.trie['中台'] == 2
    tok.suggest_freq(('台', '中'), tune=True)            # 0: the word is removed
    assert '台中' not in tok.trie


def test_userdict_readme_example(tok, tmpdir):
    sentence = '李小福是创新办主任也是云计算方面的专家'
    assert slashed(tok.cut(sentence, HMM=False)) == '李/小/福/是/创新/办/主任/也/是/云/计算/方面/的/专家'
    path = tmpdir.join('userdict.txt')
    path.write_binary(USERDICT.encode('utf-8'))
    tok.load_userdict(str(path))
    assert slashed(tok.cut(sentence)) == '李小福/是/创新办/主任/也/是/云计算/方面/的/专家'
    assert '台中' in tok.lcut('「台中」正确应该不会被切开')      # listed without a count: kept whole


def test_add_word_del_word_and_dictionary_keyword(tok, tmpdir):
    sentence = 'mac上可分出「石墨烯」；此時又可以分出來凱特琳了。'
    assert '石墨烯' not in tok.lcut(sentence) and '凱特琳' not in tok.lcut(sentence)
    tok.add_word('石墨烯')
    tok.add_word('凱特琳', tag='nz')                     # tags are accepted (no tagger)
    assert '石墨烯' in tok.lcut(sentence) and '凱特琳' in tok.lcut(sentence)
    assert '创新办' not in tok.lcut('李小福是创新办主任')
    tok.add_word('创新办', 3, 'i')
    assert '创新办' in tok.lcut('李小福是创新办主任') and tok.trie['创新办'] == 3
    tok.del_word('清华大学')
    assert tok.lcut('我来到北京清华大学') == ['我', '来到', '北京', '清华', '大学']
    tok.del_word('自定义词')                                # absent: nothing happens
    path = tmpdir.join('dict.txt')
    path.write_binary('清华 10 nt\n大学 20 n\n清华大学 5 nt\n'.encode('utf-8'))
    assert Tokenizer(dictionary=str(path)).lcut('清华大学') == ['清华', '大学']
    with pytest.raises(TypeError):
        Tokenizer({'a': 1}, dictionary=str(path))


def test_module_level_functions_use_the_default_tokenizer(monkeypatch, tmpdir):
    small = Tokenizer({'清华': 3, '华大': 1, '大学': 5, '清华大学': 2, '来到': 4})
    monkeypatch.setitem(tokenizer_module._DEFAULT, 'tokenizer', small)
    jieba = nlp_zero                      # import nlp_zero as jieba
    assert jieba.lcut('来到清华大学') == ['来到', '清华大学']
    assert list(jieba.cut('来到清华大学', cut_all=True)) == ['来到', '清华', '清华大学', '华大', '大学']
    assert jieba.lcut('来到清华大学', HMM=False) == ['来到', '清华大学']
    assert jieba.lcut_for_search('清华大学') == list(jieba.cut_for_search('清华大学', HMM=True)) == [
        '清华', '华大', '大学', '清华大学']
    assert list(jieba.tokenize('清华大学', mode='search'))[-1] == ('清华大学', 0, 4)
    assert jieba.suggest_freq(('清华', '大学'), tune=True) == 1
    jieba.add_word('北京', 10, 'ns')
    jieba.del_word('清华大学')
    path = tmpdir.join('user.txt')
    path.write_binary('北京清华 3\n'.encode('utf-8'))
    jieba.load_userdict(str(path))
    assert small.trie['北京'] == 10 and '清华大学' not in small.trie and small.trie['北京清华'] == 3
    assert small.lcut('北京清华大学') == ['北京清华', '大学']


def test_command_line_full_mode_and_separator(tmpdir):
    # python -m jieba -a -d ' / ' -D dict.txt  ==  nlp-zero cut -a -s ' / ' -d dict.txt
    path = tmpdir.join('dict.txt')
    path.write_binary('我 9\n来到 4\n北京 6\n清华 3\n华大 1\n大学 5\n清华大学 2\n'.encode('utf-8'))
    env = dict(os.environ, PYTHONIOENCODING='utf-8')
    for flags, expected in ((['-a'], '我 / 来到 / 北京 / 清华 / 清华大学 / 华大 / 大学\n'),
                            ([], '我 / 来到 / 北京 / 清华大学\n')):
        proc = subprocess.Popen([sys.executable, '-m', 'nlp_zero', 'cut', '-s', ' / ', '-d', str(path)] + flags,
                                cwd=os.path.dirname(HERE), env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        out, _ = proc.communicate('我来到北京清华大学\n'.encode('utf-8'))
        assert proc.returncode == 0 and out.decode('utf-8') == expected


def test_command_line_hmm(tmpdir):
    # python -m jieba (HMM on)  ==  nlp-zero cut --hmm
    path = tmpdir.join('dict.txt')
    path.write_binary('是 90\n李白 20\n李小龙 5\n幸福 9\n'.encode('utf-8'))
    env = dict(os.environ, PYTHONIOENCODING='utf-8')
    for flags, expected in (([], '李 小 福 是\n'), (['--hmm'], '李小福 是\n')):
        proc = subprocess.Popen([sys.executable, '-m', 'nlp_zero', 'cut', '-d', str(path)] + flags,
                                cwd=os.path.dirname(HERE), env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        out, _ = proc.communicate('李小福是\n'.encode('utf-8'))
        assert proc.returncode == 0 and out.decode('utf-8') == expected


# -- against real jieba, with jieba's dictionary in both ------------------------

@pytest.fixture(scope='module')
def both(tmpdir_factory):
    jieba = pytest.importorskip('jieba')
    jieba.setLogLevel(60)
    path = os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), 'dict.txt')
    theirs = jieba.Tokenizer(dictionary=path)
    theirs.tmp_dir = str(tmpdir_factory.mktemp('jieba-cache'))   # its cache file, not in /tmp
    theirs.initialize()
    return Tokenizer(dictionary=path), theirs


def novel_lines(count):
    """Lines of the bundled novel made of the ideographs jieba knows and punctuation."""
    han_and_punctuation = re.compile('^[\u4e00-\u9fd5\\W]+$', re.UNICODE)
    with gzip.open(NOVEL, 'rb') as f:
        head = f.read(400 * 1024)
    lines = [line.strip() for line in head[:head.rfind(b'\n')].decode('utf-8').split('\n')]
    return [line for line in lines if line and han_and_punctuation.match(line)][:count]


def words_of_units(words):
    """The tokens that are words of ideographs (jieba cuts other text differently)."""
    return [word for word in words if word and is_ideographic(word)]   # jieba's full mode gives '' too


def check_shape(tokens, sentence):
    """Offsets consecutive (or nested, in search mode), inside the text, matching the word."""
    for word, start, end in tokens:
        assert isinstance(word, text_type) and isinstance(start, int) and isinstance(end, int)
        assert 0 <= start < end <= len(sentence) and sentence[start:end] == word


def test_readme_examples_same_as_jieba(both):
    ours, theirs = both
    for sentence in README_SENTENCES:
        assert ours.lcut(sentence) == theirs.lcut(sentence, HMM=False)
        assert ours.lcut(sentence, HMM=True) == theirs.lcut(sentence, HMM=True)   # same words from both HMMs
        assert ours.lcut(sentence, cut_all=True) == theirs.lcut(sentence, cut_all=True)
        assert ours.lcut_for_search(sentence) == theirs.lcut_for_search(sentence, HMM=False)
        for mode in ('default', 'search'):
            mine = list(ours.tokenize(sentence, mode=mode))
            assert mine == list(theirs.tokenize(sentence, mode=mode, HMM=False))
            check_shape(mine, sentence)
        assert type(ours.cut(sentence)) is type(theirs.cut(sentence))
        assert type(ours.lcut_for_search(sentence)) is type(theirs.lcut_for_search(sentence))
        assert ''.join(ours.cut(sentence)) == sentence


def test_suggest_freq_same_as_jieba(both):
    ours, theirs = both
    for segment in (('中', '将'), '台中', ('今天', '天气'), '创新办', ('北京', '大学'), '清华大学'):
        assert ours.suggest_freq(segment) == theirs.suggest_freq(segment)


def test_novel_same_words_as_jieba(both):
    ours, theirs = both
    lines = novel_lines(300)
    assert len(lines) == 300
    for line in lines:
        assert words_of_units(ours.lcut(line)) == words_of_units(theirs.lcut(line, HMM=False))
        assert words_of_units(ours.lcut_for_search(line)) == words_of_units(theirs.lcut_for_search(line, HMM=False))
        assert words_of_units(ours.lcut(line, cut_all=True)) == words_of_units(theirs.lcut(line, cut_all=True))
        check_shape(ours.tokenize(line, mode='search'), line)
