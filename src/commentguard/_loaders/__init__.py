"""Reading comment dumps as a stream of records, for ``commentguard check``.

Each loader turns one format into :class:`Record` objects (submission fields plus where the
record came from) or :class:`RecordError` objects for records that cannot be read, without
ever holding the whole file: XML is parsed incrementally and elements are freed as they are
read. A malformed record never stops the stream; a malformed XML document raises
:class:`DumpError` with ``file:line:column``.

The formats: WordPress WXR (:mod:`.wxr`), Disqus (:mod:`.disqus`), Isso's database
(:mod:`.isso_sqlite`) and generic JSON (:mod:`.isso_json`), Commento (:mod:`.commento`),
Remark42's backup (:mod:`.remark42`), JSON (:mod:`.jsonarray`), JSON Lines (:mod:`.jsonl`),
Staticman's YAML (:mod:`.staticman`) and CSV (:mod:`.csvfile`); :mod:`.formats` registers them
and :mod:`.sniff` holds the content tests that recognise them. A format with a moderation
status names it in a :class:`StatusRewriter` for ``--write-back``.
"""

from commentguard._loaders._write_back import StatusChange, StatusRewriter
from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._loaders.csvfile import read_csv
from commentguard._loaders.disqus import read_disqus
from commentguard._loaders.formats import BUILTIN_FORMATS, DumpFormat, FormatRegistry, ReadOptions
from commentguard._loaders.jsonarray import read_json_array
from commentguard._loaders.jsonl import LineBlock, read_jsonl
from commentguard._loaders.pieces import Piece, RecordList
from commentguard._loaders.wxr import read_wxr

__all__ = [
    "BUILTIN_FORMATS",
    "DumpError",
    "DumpFormat",
    "FormatRegistry",
    "LineBlock",
    "Piece",
    "ReadOptions",
    "Record",
    "RecordError",
    "RecordList",
    "StatusChange",
    "StatusRewriter",
    "read_csv",
    "read_disqus",
    "read_json_array",
    "read_jsonl",
    "read_wxr",
]
