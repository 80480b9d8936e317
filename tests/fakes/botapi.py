"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests.

The real ``telegram.ext.Application`` talks to it over HTTP, exactly as it talks to
``api.telegram.org``::

    with FakeBotApi() as api:
        app = (
            ApplicationBuilder()
            .token(api.token)
            .base_url(api.base_url)
            .base_file_url(api.base_file_url)
            .build()
        )

python-telegram-bot builds ``base_url + token + "/" + method`` and POSTs the parameters
form-encoded (multipart when a file is uploaded); every non-string value, such as
``reply_markup``, arrives as a JSON string. Answers follow the Bot API:
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": ..., "description": ...}``
with the same HTTP status, which PTB turns into ``Forbidden``, ``BadRequest`` and so on.

Tests script what users do (:meth:`FakeBotApi.stuur_tekst`, :meth:`FakeBotApi.druk_knop`,
:meth:`FakeBotApi.stuur_ander`, :meth:`FakeBotApi.blokkeer`) and inspect what the bot did
(:attr:`FakeBotApi.verzoeken`, :meth:`FakeBotApi.berichten`, :meth:`FakeBotApi.wacht_op`).
Once the bot calls ``setWebhook`` (as ``Updater.start_webhook`` does), queued updates are
POSTed to the webhook instead, with the ``X-Telegram-Bot-Api-Secret-Token`` header, retried
until the bot answers 2xx; :func:`post_update` sends a hand-made request.

The checks the real server makes that bots most often trip over are imitated: HTML and
MarkdownV2 parse errors, empty or too long texts, callback data over 64 bytes, "message is
not modified", answering a callback query twice, getUpdates while a webhook is set.
Only the standard library is used.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message as _Kopregels
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, cast
from urllib.parse import parse_qsl, unquote, urlsplit

JSON = dict[str, Any]

__all__ = ["FakeBotApi", "Verzoek", "post_update"]

# Parameters whose (form-encoded) value is plain text and must never be JSON-decoded.
_TEKSTVELDEN = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "action",
        "url",
        "secret_token",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "business_connection_id",
        "message_effect_id",
        "description",
        "short_description",
        "name",
        "title",
        "language_code",
        "emoji",
        "question",
        "explanation",
        "ip_address",
        "file_id",
        "certificate",
        "document",
        "photo",
        "audio",
        "video",
        "voice",
        "animation",
        "sticker",
        "video_note",
        "thumbnail",
    }
)

# Media a bot can send, the Bot API's object for it and the fields PTB needs to parse it.
_MEDIA: dict[str, tuple[str, str, JSON]] = {
    "senddocument": ("document", "application/octet-stream", {}),
    "sendaudio": ("audio", "audio/mpeg", {"duration": 1}),
    "sendvoice": ("voice", "audio/ogg", {"duration": 1}),
    "sendvideo": ("video", "video/mp4", {"width": 640, "height": 480, "duration": 1}),
    "sendanimation": ("animation", "video/mp4", {"width": 320, "height": 240, "duration": 1}),
    "sendsticker": (
        "sticker",
        "image/webp",
        {"type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False},
    ),
    "sendphoto": ("photo", "image/jpeg", {}),
}

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_BLOKKEERBAAR = ("send", "edit", "copy", "forward")
_BERICHTMETHODEN = ("send", "edit", "delete", "copy", "forward")

_NIET_GEWIJZIGD = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a content and reply markup of the current message"
)
_VERLOPEN_QUERY = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)


class _ApiFout(Exception):
    """An error answer of the Bot API (``ok: false``)."""

    def __init__(self, code: int, beschrijving: str, parameters: JSON | None = None) -> None:
        super().__init__(beschrijving)
        self.code = code
        self.beschrijving = beschrijving
        self.parameters = parameters

    def als_json(self) -> JSON:
        antwoord: JSON = {"ok": False, "error_code": self.code, "description": self.beschrijving}
        if self.parameters:
            antwoord["parameters"] = self.parameters
        return antwoord


def _bad_request(beschrijving: str) -> _ApiFout:
    return _ApiFout(400, f"Bad Request: {beschrijving}")


@dataclass(frozen=True)
class Verzoek:
    """One Bot API call the bot made, with what the fake answered.

    Attributes:
        methode: The method name as sent, e.g. ``"sendMessage"``.
        params: The parameters, decoded: numbers are ints, ``reply_markup`` and other
            objects are dicts or lists, texts stay strings.
        bestanden: Uploaded files by multipart field name (``"document"``), exact bytes.
        bestandsnamen: The uploaded file names by multipart field name.
        chat_id: The ``chat_id`` parameter as an int, if there is one.
        tijd: ``time.time()`` when the call was answered.
        resultaat: The ``result`` sent back, or ``None`` when the call failed.
        fout: The error description sent back, or ``None`` when the call succeeded.
        foutcode: The error code (HTTP status) sent back, or ``None``.
    """

    methode: str
    params: JSON
    bestanden: dict[str, bytes] = field(default_factory=dict)
    bestandsnamen: dict[str, str] = field(default_factory=dict)
    chat_id: int | None = None
    tijd: float = 0.0
    resultaat: Any = None
    fout: str | None = None
    foutcode: int | None = None

    @property
    def gelukt(self) -> bool:
        """Whether the fake answered ``ok: true``."""
        return self.fout is None

    @property
    def tekst(self) -> str | None:
        """The ``text`` or ``caption`` parameter exactly as the bot sent it (markup included)."""
        waarde = self.params.get("text", self.params.get("caption"))
        return waarde if isinstance(waarde, str) else None

    @property
    def knoppen(self) -> list[list[JSON]]:
        """The rows of the inline keyboard sent along, or ``[]``."""
        markup = self.params.get("reply_markup")
        if isinstance(markup, dict):
            return cast("list[list[JSON]]", markup.get("inline_keyboard", []))
        return []

    def kort(self) -> str:
        """A one-line summary for failure messages."""
        delen = [self.methode]
        if self.chat_id is not None:
            delen.append(f"chat={self.chat_id}")
        if "message_id" in self.params:
            delen.append(f"message_id={self.params['message_id']}")
        if self.tekst is not None:
            delen.append(repr(self.tekst[:80]))
        if self.bestandsnamen:
            delen.append(f"files={self.bestandsnamen}")
        if self.knoppen:
            delen.append(f"buttons={[[k.get('text') for k in rij] for rij in self.knoppen]}")
        if self.fout is not None:
            delen.append(f"-> {self.foutcode} {self.fout}")
        return " ".join(delen)


@dataclass
class _Storing:
    methode: str
    fout: _ApiFout
    keer: int


def _utf16_lengte(tekst: str) -> int:
    return len(tekst.encode("utf-16-le")) // 2


def _byte_offset(tekst: str, index: int) -> int:
    return len(tekst[:index].encode("utf-8"))


_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_HTML_ENTITEIT = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_HTML_ENTITEITEN = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _html_entiteit(m: re.Match[str]) -> str:
    naam = m.group(1)
    if naam.startswith("#x"):
        return chr(int(naam[2:], 16))
    if naam.startswith("#"):
        return chr(int(naam[1:]))
    return _HTML_ENTITEITEN[naam]


def _html_naar_tekst(tekst: str) -> str:
    """Validate Telegram HTML like the Bot API does and return the visible text."""
    fout = "can't parse entities: "
    uit: list[str] = []
    open_tags: list[str] = []
    i = 0
    while i < len(tekst):
        begin = tekst.find("<", i)
        if begin < 0:
            uit.append(_HTML_ENTITEIT.sub(_html_entiteit, tekst[i:]))
            break
        uit.append(_HTML_ENTITEIT.sub(_html_entiteit, tekst[i:begin]))
        einde = tekst.find(">", begin)
        if einde < 0:
            raise _bad_request(
                f"{fout}Unclosed start tag at byte offset {_byte_offset(tekst, begin)}"
            )
        inhoud = tekst[begin + 1 : einde]
        if inhoud.startswith("/"):
            naam = inhoud[1:].strip().lower()
            if not open_tags:
                raise _bad_request(
                    f"{fout}Unexpected end tag at byte offset {_byte_offset(tekst, begin)}"
                )
            verwacht = open_tags.pop()
            if naam and naam != verwacht:
                raise _bad_request(
                    f"{fout}Unmatched end tag at byte offset {_byte_offset(tekst, begin)}, "
                    f'expected "</{verwacht}>", found "</{naam}>"'
                )
        else:
            naam = re.split(r"\s", inhoud, maxsplit=1)[0].lower()
            if naam not in _HTML_TAGS:
                raise _bad_request(
                    f'{fout}Unsupported start tag "{naam}" at byte offset '
                    f"{_byte_offset(tekst, begin)}"
                )
            open_tags.append(naam)
        i = einde + 1
    if open_tags:
        raise _bad_request(
            f'{fout}Can\'t find end tag corresponding to start tag "{open_tags[-1]}"'
        )
    return "".join(uit)


_MDV2_GERESERVEERD = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_NAMEN = {
    "*": "Bold",
    "_": "Italic",
    "__": "Underline",
    "~": "Strikethrough",
    "||": "Spoiler",
    "[": "TextUrl",
}


def _markdown_v2_naar_tekst(tekst: str) -> str:
    """Validate MarkdownV2 like the Bot API does (simplified) and return the visible text."""
    fout = "can't parse entities: "
    uit: list[str] = []
    open_: list[tuple[str, int]] = []
    i = 0
    n = len(tekst)
    while i < n:
        c = tekst[i]
        if c == "\\" and i + 1 < n and ord(tekst[i + 1]) < 127:
            uit.append(tekst[i + 1])
            i += 2
            continue
        if c not in _MDV2_GERESERVEERD:
            uit.append(c)
            i += 1
            continue
        if c == "`":
            teken = "```" if tekst.startswith("```", i) else "`"
            einde = i + len(teken)
            stuk: list[str] = []
            while einde < n and not tekst.startswith(teken, einde):
                if tekst[einde] == "\\" and einde + 1 < n:
                    einde += 1
                stuk.append(tekst[einde])
                einde += 1
            if einde >= n:
                naam = "Pre" if teken == "```" else "Code"
                raise _bad_request(
                    f"{fout}Can't find end of {naam} entity at byte offset "
                    f"{_byte_offset(tekst, i)}"
                )
            inhoud = "".join(stuk)
            if teken == "```" and "\n" in inhoud:
                eerste, _, rest = inhoud.partition("\n")
                inhoud = rest if eerste and " " not in eerste else inhoud
            uit.append(inhoud)
            i = einde + len(teken)
            continue
        if c == ">" and (i == 0 or tekst[i - 1] == "\n"):
            i += 1
            continue
        teken = c
        if c in "_|" and tekst.startswith(c * 2, i):
            teken = c * 2
        if teken == "|":
            raise _bad_request(
                f"{fout}Character '|' is reserved and must be escaped with the preceding '\\'"
            )
        if teken in ("*", "_", "__", "~", "||"):
            if open_ and open_[-1][0] == teken:
                open_.pop()
            else:
                open_.append((teken, i))
            i += len(teken)
            continue
        if c == "!" and tekst.startswith("![", i):
            i += 1
            continue
        if c == "[":
            open_.append(("[", i))
            i += 1
            continue
        if c == "]" and open_ and open_[-1][0] == "[":
            open_.pop()
            if not tekst.startswith("(", i + 1):
                raise _bad_request(f"{fout}Can't find end of a url at byte offset {i + 1}")
            sluit = tekst.find(")", i + 2)
            while sluit > 0 and tekst[sluit - 1] == "\\":
                sluit = tekst.find(")", sluit + 1)
            if sluit < 0:
                raise _bad_request(
                    f"{fout}Can't find end of a url at byte offset {_byte_offset(tekst, i)}"
                )
            i = sluit + 1
            continue
        raise _bad_request(
            f"{fout}Character '{c}' is reserved and must be escaped with the preceding '\\'"
        )
    if open_:
        teken, begin = open_[-1]
        raise _bad_request(
            f"{fout}Can't find end of {_MDV2_NAMEN[teken]} entity at byte offset "
            f"{_byte_offset(tekst, begin)}"
        )
    return "".join(uit)


def _markdown_naar_tekst(tekst: str) -> str:
    """Validate legacy Markdown like the Bot API does (simplified); return the visible text."""
    uit: list[str] = []
    open_: tuple[str, int] | None = None
    i = 0
    while i < len(tekst):
        c = tekst[i]
        if c == "\\" and i + 1 < len(tekst) and tekst[i + 1] in "_*`[":
            uit.append(tekst[i + 1])
            i += 2
        elif c == "[" and open_ is None:
            sluit = tekst.find("](", i)
            einde = tekst.find(")", sluit + 2) if sluit >= 0 else -1
            if einde < 0:
                uit.append(c)
                i += 1
            else:
                uit.append(tekst[i + 1 : sluit])
                i = einde + 1
        elif c in "_*`" and (open_ is None or open_[0] == c):
            open_ = (c, i) if open_ is None else None
            i += 1
        else:
            uit.append(c)
            i += 1
    if open_ is not None:
        raise _bad_request(
            "can't parse entities: Can't find end of the entity starting at byte offset "
            f"{_byte_offset(tekst, open_[1])}"
        )
    return "".join(uit)


_COMMANDO = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?")


def _commando_entiteiten(tekst: str) -> list[JSON]:
    """The ``bot_command`` entities Telegram attaches to a user's text."""
    return [
        {
            "type": "bot_command",
            "offset": _utf16_lengte(tekst[: m.start()]),
            "length": _utf16_lengte(m.group(0)),
        }
        for m in _COMMANDO.finditer(tekst)
    ]


def _decodeer(naam: str, waarde: str) -> Any:
    """Decode one form value the way PTB encoded it (non-strings are JSON)."""
    if naam in _TEKSTVELDEN:
        return waarde
    try:
        return json.loads(waarde)
    except ValueError:
        return waarde


def _als_int(waarde: Any) -> int | None:
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, int):
        return waarde
    if isinstance(waarde, str) and re.fullmatch(r"-?[0-9]+", waarde):
        return int(waarde)
    return None


def _kopparameter(kop: str, naam: str, param: str) -> str | None:
    kopregels = _Kopregels()
    kopregels[naam] = kop
    waarde = kopregels.get_param(param, header=naam)
    return waarde if isinstance(waarde, str) else None


def _lees_multipart(
    inhoud: bytes, content_type: str
) -> tuple[dict[str, str], dict[str, bytes], dict[str, str], dict[str, str]]:
    """Split a multipart/form-data body: fields, files, file names and file MIME types."""
    grens = _kopparameter(content_type, "content-type", "boundary")
    if not grens:
        raise _bad_request("multipart body without boundary")
    velden: dict[str, str] = {}
    bestanden: dict[str, bytes] = {}
    namen: dict[str, str] = {}
    soorten: dict[str, str] = {}
    scheiding = b"\r\n--" + grens.encode("latin-1")
    for deel in (b"\r\n" + inhoud).split(scheiding)[1:]:
        if deel.startswith(b"--"):
            break
        kop, _, data = deel.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        koppen: dict[str, str] = {}
        for regel in kop.decode("utf-8", "replace").split("\r\n"):
            sleutel, _, waarde = regel.partition(":")
            koppen[sleutel.strip().lower()] = waarde.strip()
        dispositie = koppen.get("content-disposition", "")
        naam = _kopparameter(dispositie, "content-disposition", "name") or ""
        bestandsnaam = _kopparameter(dispositie, "content-disposition", "filename")
        if bestandsnaam is None:
            velden[naam] = data.decode("utf-8")
        else:
            bestanden[naam] = data
            namen[naam] = bestandsnaam
            soorten[naam] = koppen.get("content-type", "application/octet-stream")
    return velden, bestanden, namen, soorten


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, fake: FakeBotApi) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake
        self.verbindingen: set[socket.socket] = set()
        self.verbindingen_lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 60
    # Headers and body go out in two writes; with Nagle on, each call waits ~40 ms for an ACK.
    disable_nagle_algorithm = True

    def setup(self) -> None:
        super().setup()
        server = cast("_Server", self.server)
        with server.verbindingen_lock:
            server.verbindingen.add(self.connection)

    def finish(self) -> None:
        server = cast("_Server", self.server)
        with server.verbindingen_lock:
            server.verbindingen.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""

    def do_GET(self) -> None:
        self._behandel()

    def do_POST(self) -> None:
        self._behandel()

    def _lees_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            stukken: list[bytes] = []
            while True:
                grootte = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if grootte == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(stukken)
                stukken.append(self.rfile.read(grootte))
                self.rfile.readline()
        lengte = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(lengte) if lengte else b""

    def _behandel(self) -> None:
        fake = cast("_Server", self.server).fake
        body = self._lees_body()
        status, soort, antwoord = fake._route(
            self.path, self.headers.get("Content-Type", ""), body
        )
        try:
            self.send_response(status)
            self.send_header("Content-Type", soort)
            self.send_header("Content-Length", str(len(antwoord)))
            self.end_headers()
            self.wfile.write(antwoord)
        except OSError:
            # The client went away (PTB cancels its long poll on stop): nothing to answer.
            self.close_connection = True


class FakeBotApi:
    """A fake Bot API server; see the module docstring.

    Thread-safe: the bot's HTTP calls are served from server threads while the test thread
    scripts updates and reads :attr:`verzoeken`.

    Args:
        token: The bot token the bot must use; its number is the bot's user id.
        gebruikersnaam: The bot's username, as ``getMe`` returns it.
        naam: The bot's first name.
    """

    def __init__(
        self, token: str = "123:TEST", *, gebruikersnaam: str = "test_bot", naam: str = "Testbot"
    ) -> None:
        self.token = token
        nummer = token.split(":", 1)[0]
        self.bot_user: JSON = {
            "id": int(nummer) if nummer.isdigit() else 123,
            "is_bot": True,
            "first_name": naam,
            "username": gebruikersnaam,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.verzoeken: list[Verzoek] = []
        self.bij_verzoek: Callable[[Verzoek], None] | None = None
        """Called (in the server's thread) after every recorded call; for benchmarks."""
        self._cond = threading.Condition()
        self._server: _Server | None = None
        self._draad: threading.Thread | None = None
        self._gestopt = False
        self._updates: list[JSON] = []
        self._volgende_update_id = 1
        self._message_ids: dict[int, int] = {}
        self._berichten: dict[tuple[int, int], JSON] = {}
        self._laatste_van: dict[tuple[int, int], int] = {}
        self._chats: dict[int, JSON] = {}
        self._geblokkeerd: set[int] = set()
        self._callbacks: dict[str, bool] = {}
        self._teller = 0
        self._bestanden: dict[str, tuple[bytes, str]] = {}
        self._commando_lijsten: dict[str, list[JSON]] = {}
        self._webhook: JSON | None = None
        self._poll_generatie = 0
        self._storingen: list[_Storing] = []
        self._vertragingen: dict[str, float] = {}
        self._bezorger: threading.Thread | None = None
        self._webhook_fout: str | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Start serving on a free port of 127.0.0.1."""
        if self._server is not None:
            raise RuntimeError("FakeBotApi is already running")
        self._gestopt = False
        self._server = _Server(self)
        self._draad = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeBotApi",
            daemon=True,
        )
        self._draad.start()
        self._bezorger = threading.Thread(
            target=self._bezorg_via_webhook, name="FakeBotApi-webhook", daemon=True
        )
        self._bezorger.start()

    def stop(self) -> None:
        """Stop serving: pending long polls return at once and open connections close."""
        server, self._server = self._server, None
        if server is None:
            return
        with self._cond:
            self._gestopt = True
            self._cond.notify_all()
        server.shutdown()
        with server.verbindingen_lock:
            verbindingen = list(server.verbindingen)
        for verbinding in verbindingen:
            with contextlib.suppress(OSError):
                verbinding.shutdown(socket.SHUT_RDWR)
        server.server_close()
        for draad in (self._draad, self._bezorger):
            if draad is not None:
                draad.join(timeout=5)
        self._draad = self._bezorger = None

    def __enter__(self) -> FakeBotApi:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._server is None:
            raise RuntimeError("FakeBotApi is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """Value for ``ApplicationBuilder.base_url`` (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for ``ApplicationBuilder.base_file_url`` (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- scripted users ----------------------------------------------------------------

    def stuur_tekst(
        self,
        user_id: int,
        tekst: str,
        *,
        chat_type: str = "private",
        chat_id: int | None = None,
        edited: bool = False,
        message_id: int | None = None,
    ) -> JSON:
        """Queue a text message from a user; commands get their ``bot_command`` entities.

        Args:
            user_id: The sender; in a private chat also the chat id.
            tekst: The text as the user typed it.
            chat_type: ``"private"``, ``"group"`` or ``"supergroup"``.
            chat_id: The group's id; defaults to ``user_id`` for private chats.
            edited: Send an ``edited_message`` instead: the user edits ``message_id``, by
                default their latest text message in this chat.
            message_id: Which message an edit changes.

        Returns:
            The queued update, as the bot will receive it.
        """
        inhoud: JSON = {"text": tekst}
        entiteiten = _commando_entiteiten(tekst)
        if entiteiten:
            inhoud["entities"] = entiteiten
        return self._gebruikersbericht(
            user_id,
            inhoud,
            chat_type=chat_type,
            chat_id=chat_id,
            edited=edited,
            message_id=message_id,
        )

    def stuur_ander(
        self,
        user_id: int,
        soort: str,
        *,
        bijschrift: str | None = None,
        chat_type: str = "private",
        chat_id: int | None = None,
    ) -> JSON:
        """Queue a message without text.

        Args:
            user_id: The sender.
            soort: ``"sticker"``, ``"photo"``, ``"voice"``, ``"document"``, ``"location"``
                or ``"contact"``.
            bijschrift: A caption (photo and document only).
            chat_type: As for :meth:`stuur_tekst`.
            chat_id: As for :meth:`stuur_tekst`.

        Returns:
            The queued update.
        """
        with self._cond:
            file_id = self._nieuw_file_id(soort)
        basis: JSON = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": 1234}
        inhoud: JSON
        if soort == "sticker":
            inhoud = {"sticker": {**basis, **_MEDIA["sendsticker"][2], "emoji": "👍"}}
        elif soort == "photo":
            inhoud = {
                "photo": [
                    {**basis, "file_id": f"{file_id}s", "width": 90, "height": 90},
                    {**basis, "width": 800, "height": 600},
                ]
            }
        elif soort == "voice":
            inhoud = {"voice": {**basis, "duration": 3, "mime_type": "audio/ogg"}}
        elif soort == "document":
            inhoud = {
                "document": {**basis, "file_name": "bestand.pdf", "mime_type": "application/pdf"}
            }
        elif soort == "location":
            inhoud = {"location": {"latitude": 52.0907, "longitude": 5.1214}}
        elif soort == "contact":
            inhoud = {
                "contact": {
                    "phone_number": "+31600000000",
                    "first_name": f"Gebruiker{user_id}",
                    "user_id": user_id,
                }
            }
        else:
            raise ValueError(f"unknown kind of message: {soort!r}")
        if bijschrift is not None:
            inhoud["caption"] = bijschrift
        if soort in ("photo", "voice", "document", "sticker"):
            with self._cond:
                self._bestanden[file_id] = (f"fake {soort} {file_id}".encode(), soort)
        return self._gebruikersbericht(user_id, inhoud, chat_type=chat_type, chat_id=chat_id)

    def druk_knop(
        self,
        user_id: int,
        data: str,
        message_id: int,
        *,
        chat_id: int | None = None,
        controleer: bool = True,
    ) -> JSON:
        """Queue a ``callback_query``: the user presses an inline button.

        The message is the bot's message as it is now (after any edits). A message the
        fake never saw is allowed too (an old button from before the test).

        Args:
            user_id: Who presses.
            data: The button's ``callback_data``.
            message_id: The message carrying the button.
            chat_id: Its chat; defaults to the private chat with ``user_id``.
            controleer: When the message is known, require a button with this data on it
                (raise ``AssertionError`` otherwise), as a real client can only press
                buttons it shows.

        Returns:
            The queued update; its ``callback_query.id`` is what the bot must answer.
        """
        chat = user_id if chat_id is None else chat_id
        with self._cond:
            bericht = self._berichten.get((chat, message_id))
            if bericht is None:
                bericht = {
                    "message_id": message_id,
                    "from": self.bot_user,
                    "chat": self._chat(chat),
                    "date": int(time.time()) - 60,
                }
            elif controleer:
                markup = bericht.get("reply_markup", {})
                aanwezig = [
                    knop.get("callback_data")
                    for rij in markup.get("inline_keyboard", [])
                    for knop in rij
                ]
                if data not in aanwezig:
                    raise AssertionError(
                        f"message {message_id} in chat {chat} has no button with callback_data "
                        f"{data!r}; it has {aanwezig}"
                    )
            self._teller += 1
            query_id = f"{self._teller}{user_id}"
            self._callbacks[query_id] = False
            query: JSON = {
                "id": query_id,
                "from": self._gebruiker(user_id),
                "message": copy.deepcopy(bericht),
                "chat_instance": f"ci{chat}",
                "data": data,
            }
            return self._plaats({"callback_query": query})

    def blokkeer(self, user_id: int) -> None:
        """From now on every send to this chat fails: 403 bot was blocked by the user."""
        with self._cond:
            self._geblokkeerd.add(user_id)

    def deblokkeer(self, user_id: int) -> None:
        """Undo :meth:`blokkeer`."""
        with self._cond:
            self._geblokkeerd.discard(user_id)

    def faal_bij(
        self,
        methode: str,
        error_code: int = 500,
        description: str = "Internal Server Error",
        *,
        keer: int = 1,
        retry_after: int | None = None,
    ) -> None:
        """Make the next ``keer`` calls of ``methode`` fail with this error.

        ``retry_after`` adds the flood-control parameter (use ``error_code=429``), which
        PTB raises as ``RetryAfter``.
        """
        parameters = {"retry_after": retry_after} if retry_after is not None else None
        with self._cond:
            self._storingen.append(
                _Storing(methode.lower(), _ApiFout(error_code, description, parameters), keer)
            )

    def stuur_update(self, update: JSON) -> JSON:
        """Queue a raw update as given (numbered here): for updates Telegram rarely sends."""
        with self._cond:
            return self._plaats(update)

    def vertraag(self, methode: str, seconden: float) -> None:
        """Make every call of ``methode`` take ``seconden`` before it answers (a slow API)."""
        with self._cond:
            self._vertragingen[methode.lower()] = seconden

    # -- what the bot did --------------------------------------------------------------

    def berichten(self, chat_id: int, *, ook_mislukt: bool = False) -> list[Verzoek]:
        """The bot's message calls to a chat (send*, edit*, delete*, ...), in order.

        ``sendChatAction`` is not a message and is left out; so are failed calls unless
        ``ook_mislukt``.
        """
        with self._cond:
            return [
                v
                for v in self.verzoeken
                if v.chat_id == chat_id
                and v.methode.lower().startswith(_BERICHTMETHODEN)
                and v.methode.lower() != "sendchataction"
                and (ook_mislukt or v.gelukt)
            ]

    def teksten(self, chat_id: int) -> list[str]:
        """The ``text``/``caption`` of every successful message call to a chat, as sent."""
        return [v.tekst for v in self.berichten(chat_id) if v.tekst is not None]

    def bericht(self, chat_id: int, message_id: int) -> JSON | None:
        """A message as users see it now (after edits; text without markup), or ``None``."""
        with self._cond:
            gevonden = self._berichten.get((chat_id, message_id))
            return copy.deepcopy(gevonden) if gevonden is not None else None

    def aanroepen(self, methode: str) -> list[Verzoek]:
        """All calls of one method (case-insensitive), in order."""
        with self._cond:
            return [v for v in self.verzoeken if v.methode.lower() == methode.lower()]

    @property
    def openstaand(self) -> int:
        """How many queued updates the bot has not confirmed yet (via getUpdates offset)."""
        with self._cond:
            return len(self._updates)

    async def wacht_op(
        self, voorwaarde: Callable[[], bool], timeout: float = 10, *, wat: str = ""
    ) -> None:
        """Poll ``voorwaarde`` until it holds; else fail listing the bot's recent calls."""
        einde = time.monotonic() + timeout
        while not voorwaarde():
            if time.monotonic() >= einde:
                raise AssertionError(self._timeout_melding(timeout, wat))
            await asyncio.sleep(0.01)

    def wacht_op_sync(
        self, voorwaarde: Callable[[], bool], timeout: float = 10, *, wat: str = ""
    ) -> None:
        """Blocking variant of :meth:`wacht_op` for tests without an event loop."""
        einde = time.monotonic() + timeout
        while not voorwaarde():
            if time.monotonic() >= einde:
                raise AssertionError(self._timeout_melding(timeout, wat))
            time.sleep(0.01)

    def _timeout_melding(self, timeout: float, wat: str) -> str:
        with self._cond:
            recent = [v for v in self.verzoeken if v.methode != "getUpdates"][-20:]
            openstaand = len(self._updates)
        regels = [f"condition not met within {timeout} s" + (f": {wat}" if wat else "")]
        regels.append(f"unconfirmed updates: {openstaand}; recent Bot API calls:")
        regels.extend(f"  {v.kort()}" for v in recent)
        if not recent:
            regels.append("  (none)")
        return "\n".join(regels)

    # -- users, chats, messages --------------------------------------------------------

    def _gebruiker(self, user_id: int) -> JSON:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": f"Gebruiker{user_id}",
            "language_code": "nl",
        }

    def _chat(self, chat_id: int) -> JSON:
        bekend = self._chats.get(chat_id)
        if bekend is not None:
            return dict(bekend)
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"Gebruiker{chat_id}"}
        soort = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": soort, "title": f"Groep {chat_id}"}

    def _volgend_message_id(self, chat_id: int) -> int:
        nummer = self._message_ids.get(chat_id, 0) + 1
        self._message_ids[chat_id] = nummer
        return nummer

    def _nieuw_file_id(self, soort: str) -> str:
        self._teller += 1
        return f"{soort[:3].upper()}{self._teller:06d}"

    def _plaats(self, update: JSON) -> JSON:
        """Queue an update (lock held) and wake long polls; return a copy."""
        update = {"update_id": self._volgende_update_id, **update}
        self._volgende_update_id += 1
        self._updates.append(update)
        self._cond.notify_all()
        return copy.deepcopy(update)

    def _gebruikersbericht(
        self,
        user_id: int,
        inhoud: JSON,
        *,
        chat_type: str,
        chat_id: int | None,
        edited: bool = False,
        message_id: int | None = None,
    ) -> JSON:
        with self._cond:
            if chat_type == "private":
                chat: JSON = {
                    "id": user_id,
                    "type": "private",
                    "first_name": f"Gebruiker{user_id}",
                }
            else:
                groep = chat_id if chat_id is not None else -1001234567890
                chat = {"id": groep, "type": chat_type, "title": f"Groep {groep}"}
            self._chats[chat["id"]] = chat
            nu = int(time.time())
            if edited:
                mid = message_id or self._laatste_van.get((chat["id"], user_id))
                if mid is None:
                    mid = self._volgend_message_id(chat["id"])
            else:
                mid = self._volgend_message_id(chat["id"])
                if "text" in inhoud:
                    self._laatste_van[(chat["id"], user_id)] = mid
            bericht: JSON = {
                "message_id": mid,
                "from": self._gebruiker(user_id),
                "chat": chat,
                "date": nu,
                **inhoud,
            }
            if edited:
                bericht["date"] = self._berichten.get((chat["id"], mid), {}).get("date", nu - 1)
                bericht["edit_date"] = nu
            self._berichten[(chat["id"], mid)] = bericht
            return self._plaats({"edited_message" if edited else "message": bericht})

    # -- HTTP --------------------------------------------------------------------------

    def _route(self, pad: str, content_type: str, body: bytes) -> tuple[int, str, bytes]:
        """Answer one HTTP request: (status, content type, body)."""
        delen = urlsplit(pad)
        pad = unquote(delen.path)  # httpx sends the token's ":" as "%3A" in file URLs
        if pad.startswith("/file/bot"):
            return self._download(pad.removeprefix("/file/bot"))
        if not pad.startswith("/bot"):
            return self._json(_ApiFout(404, "Not Found").als_json(), 404)
        token, _, methode = pad.removeprefix("/bot").partition("/")
        if token != self.token:
            return self._json(_ApiFout(401, "Unauthorized").als_json(), 401)
        if not methode:
            return self._json(_ApiFout(404, "Not Found").als_json(), 404)
        try:
            velden, bestanden, namen, soorten = self._lees_params(content_type, body)
            velden.update(dict(parse_qsl(delen.query, keep_blank_values=True)))
        except (ValueError, _ApiFout) as probleem:
            melding = probleem if isinstance(probleem, _ApiFout) else _bad_request(str(probleem))
            return self._json(melding.als_json(), melding.code)
        params = {naam: _decodeer(naam, waarde) for naam, waarde in velden.items()}
        resultaat, fout = self._voer_uit(methode, params, bestanden, namen, soorten)
        if fout is not None:
            return self._json(fout.als_json(), fout.code)
        return self._json({"ok": True, "result": resultaat}, 200)

    @staticmethod
    def _json(inhoud: JSON, status: int) -> tuple[int, str, bytes]:
        return status, "application/json", json.dumps(inhoud).encode("utf-8")

    @staticmethod
    def _lees_params(
        content_type: str, body: bytes
    ) -> tuple[dict[str, str], dict[str, bytes], dict[str, str], dict[str, str]]:
        soort = content_type.split(";", 1)[0].strip().lower()
        if soort == "multipart/form-data":
            return _lees_multipart(body, content_type)
        if soort == "application/json":
            data = json.loads(body or b"{}")
            velden = {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
            return velden, {}, {}, {}
        tekst = body.decode("utf-8")
        return dict(parse_qsl(tekst, keep_blank_values=True)), {}, {}, {}

    def _download(self, rest: str) -> tuple[int, str, bytes]:
        token, _, file_path = rest.partition("/")
        if token != self.token:
            return self._json(_ApiFout(401, "Unauthorized").als_json(), 401)
        with self._cond:
            for file_id, (inhoud, _soort) in self._bestanden.items():
                if file_path.endswith(f"/{file_id}"):
                    return 200, "application/octet-stream", inhoud
        return self._json(_ApiFout(404, "Not Found").als_json(), 404)

    def _voer_uit(
        self,
        methode: str,
        params: JSON,
        bestanden: dict[str, bytes],
        namen: dict[str, str],
        soorten: dict[str, str],
    ) -> tuple[Any, _ApiFout | None]:
        """Run one API method and record it."""
        sleutel = methode.lower()
        chat_id = _als_int(params.get("chat_id"))
        resultaat: Any = None
        fout: _ApiFout | None = None
        try:
            if sleutel == "getupdates":
                self._storing(sleutel)
                resultaat = self._get_updates(params)
            else:
                vertraging = self._vertragingen.get(sleutel, 0.0)
                if vertraging:
                    time.sleep(vertraging)  # this request's own thread: others go on
                with self._cond:
                    self._storing(sleutel)
                    if chat_id in self._geblokkeerd and sleutel.startswith(_BLOKKEERBAAR):
                        raise _ApiFout(403, "Forbidden: bot was blocked by the user")
                    resultaat = self._methode(sleutel, params, chat_id, bestanden, namen, soorten)
        except _ApiFout as f:
            fout = f
            resultaat = None
        verzoek = Verzoek(
            methode=methode,
            params=params,
            bestanden=bestanden,
            bestandsnamen=namen,
            chat_id=chat_id,
            tijd=time.time(),
            resultaat=copy.deepcopy(resultaat),
            fout=None if fout is None else fout.beschrijving,
            foutcode=None if fout is None else fout.code,
        )
        with self._cond:
            self.verzoeken.append(verzoek)
        if self.bij_verzoek is not None:
            self.bij_verzoek(verzoek)
        return resultaat, fout

    def _storing(self, sleutel: str) -> None:
        """Raise an injected failure for this method, if one is pending (lock not needed)."""
        with self._cond:
            for storing in self._storingen:
                if storing.methode == sleutel and storing.keer > 0:
                    storing.keer -= 1
                    raise storing.fout

    def _get_updates(self, params: JSON) -> list[JSON]:
        offset = _als_int(params.get("offset")) or 0
        limiet = min(max(_als_int(params.get("limit")) or 100, 1), 100)
        wachttijd = float(params.get("timeout") or 0)
        einde = time.monotonic() + wachttijd
        with self._cond:
            if self._webhook is not None:
                raise _ApiFout(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            self._poll_generatie += 1
            mijn_generatie = self._poll_generatie
            self._cond.notify_all()
            if offset < 0:
                self._updates = self._updates[offset:]
            elif offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while True:
                if self._gestopt:
                    return []
                if mijn_generatie != self._poll_generatie:
                    raise _ApiFout(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that "
                        "only one bot instance is running",
                    )
                if self._updates:
                    return copy.deepcopy(self._updates[:limiet])
                rest = einde - time.monotonic()
                if rest <= 0:
                    return []
                self._cond.wait(rest)

    def _bezorg_via_webhook(self) -> None:
        """While a webhook is set, POST queued updates to it one by one, like Telegram.

        An update counts as delivered on a 2xx answer; otherwise it is retried.
        """
        while True:
            with self._cond:
                while not self._gestopt and (self._webhook is None or not self._updates):
                    self._cond.wait()
                if self._gestopt or self._webhook is None:
                    return
                webhook = dict(self._webhook)
                update = copy.deepcopy(self._updates[0])
            try:
                status = _post_json(webhook["url"], update, webhook.get("secret_token"))
                melding = (
                    None if 200 <= status < 300 else f"Wrong response from the webhook: {status}"
                )
            except OSError as probleem:
                melding = f"Connection failed: {probleem}"
            with self._cond:
                if melding is None:
                    if self._updates and self._updates[0]["update_id"] == update["update_id"]:
                        self._updates.pop(0)
                else:
                    self._webhook_fout = melding
                    self._cond.wait(0.05)

    # -- methods (lock held) -----------------------------------------------------------

    def _methode(
        self,
        sleutel: str,
        params: JSON,
        chat_id: int | None,
        bestanden: dict[str, bytes],
        namen: dict[str, str],
        soorten: dict[str, str],
    ) -> Any:
        if sleutel == "getme":
            return dict(self.bot_user)
        if sleutel in ("deletewebhook", "setwebhook"):
            return self._webhook_instellen(sleutel, params)
        if sleutel == "getwebhookinfo":
            info: JSON = {
                "url": (self._webhook or {}).get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
            if self._webhook_fout:
                info["last_error_date"] = int(time.time())
                info["last_error_message"] = self._webhook_fout
            return info
        if sleutel in ("setmycommands", "getmycommands", "deletemycommands"):
            return self._commando_lijst(sleutel, params)
        if sleutel == "sendmessage":
            doel = self._vereis_chat(chat_id)
            tekst = self._zichtbaar(params, "text", 4096)
            return self._bot_bericht(doel, params, {"text": tekst})
        if sleutel in _MEDIA:
            doel = self._vereis_chat(chat_id)
            inhoud = self._media(sleutel, params, bestanden, namen, soorten)
            if "caption" in params:
                inhoud["caption"] = self._zichtbaar(params, "caption", 1024)
            return self._bot_bericht(doel, params, inhoud)
        if sleutel in ("editmessagetext", "editmessagecaption", "editmessagereplymarkup"):
            return self._bewerk(sleutel, params, chat_id)
        if sleutel == "deletemessage":
            doel = self._vereis_chat(chat_id)
            mid = _als_int(params.get("message_id"))
            if mid is None or self._berichten.pop((doel, mid), None) is None:
                raise _bad_request("message to delete not found")
            return True
        if sleutel == "answercallbackquery":
            query_id = str(params.get("callback_query_id", ""))
            if self._callbacks.get(query_id, True):
                raise _ApiFout(400, _VERLOPEN_QUERY)
            if len(str(params.get("text", ""))) > 200:
                raise _bad_request("MESSAGE_TOO_LONG")
            self._callbacks[query_id] = True
            return True
        if sleutel == "sendchataction":
            self._vereis_chat(chat_id)
            if params.get("action") not in _CHAT_ACTIONS:
                raise _bad_request("wrong parameter action in request")
            return True
        if sleutel == "getfile":
            file_id = str(params.get("file_id", ""))
            if file_id not in self._bestanden:
                raise _bad_request("invalid file_id")
            inhoud_bytes, soort = self._bestanden[file_id]
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(inhoud_bytes),
                "file_path": f"{soort}s/{file_id}",
            }
        # close, logOut and every method the fake does not model.
        return True

    def _vereis_chat(self, chat_id: int | None) -> int:
        if chat_id is None:
            raise _bad_request("chat not found")
        return chat_id

    def _webhook_instellen(self, sleutel: str, params: JSON) -> bool:
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        url = str(params.get("url") or "") if sleutel == "setwebhook" else ""
        if url:
            self._webhook = {
                "url": url,
                "secret_token": params.get("secret_token"),
                "allowed_updates": params.get("allowed_updates"),
            }
        else:
            self._webhook = None
        self._cond.notify_all()
        return True

    def _commando_lijst(self, sleutel: str, params: JSON) -> Any:
        scope = params.get("scope") or {"type": "default"}
        lijst = json.dumps([scope, params.get("language_code") or ""], sort_keys=True)
        if sleutel == "getmycommands":
            return copy.deepcopy(self._commando_lijsten.get(lijst, []))
        if sleutel == "deletemycommands":
            self._commando_lijsten.pop(lijst, None)
            return True
        commandos = params.get("commands")
        if not isinstance(commandos, list) or len(commandos) > 100:
            raise _bad_request("commands must be a list of at most 100 BotCommand")
        for commando in commandos:
            naam = str(commando.get("command", ""))
            if not re.fullmatch(r"[a-z0-9_]{1,32}", naam):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(commando.get("description", ""))) <= 256:
                raise _bad_request("command description is empty or too long")
        self._commando_lijsten[lijst] = copy.deepcopy(commandos)
        return True

    def _zichtbaar(self, params: JSON, veld: str, maximum: int) -> str:
        """Validate a text/caption with its parse mode; return the text users see."""
        tekst = params.get(veld)
        if not isinstance(tekst, str):
            tekst = "" if tekst is None else json.dumps(tekst)
        modus = str(params.get("parse_mode") or "").lower()
        if modus == "html":
            zichtbaar = _html_naar_tekst(tekst)
        elif modus == "markdownv2":
            zichtbaar = _markdown_v2_naar_tekst(tekst)
        elif modus == "markdown":
            zichtbaar = _markdown_naar_tekst(tekst)
        elif modus:
            raise _bad_request(f"unsupported parse_mode {params.get('parse_mode')!r}")
        else:
            zichtbaar = tekst
        if veld == "text" and not zichtbaar.strip():
            raise _bad_request("message text is empty")
        if _utf16_lengte(zichtbaar) > maximum:
            raise _bad_request(
                "message is too long" if veld == "text" else "message caption is too long"
            )
        return zichtbaar

    def _inline_markup(self, params: JSON) -> JSON | None:
        """The inline keyboard to store and echo back; validates callback data."""
        markup = params.get("reply_markup")
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            return None
        for rij in markup["inline_keyboard"]:
            for knop in rij:
                if not str(knop.get("text", "")):
                    raise _bad_request("BUTTON_TEXT_EMPTY")
                if "callback_data" in knop:
                    data = str(knop["callback_data"]).encode("utf-8")
                    if not 1 <= len(data) <= 64:
                        raise _bad_request("BUTTON_DATA_INVALID")
                elif not set(knop) - {"text"}:
                    raise _bad_request(
                        "can't parse inline keyboard button: Text buttons are unallowed in the "
                        "inline keyboard"
                    )
        return copy.deepcopy(markup)

    def _bot_bericht(self, chat_id: int, params: JSON, inhoud: JSON) -> JSON:
        markup = self._inline_markup(params)
        bericht: JSON = {
            "message_id": self._volgend_message_id(chat_id),
            "from": dict(self.bot_user),
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **inhoud,
        }
        antwoord_op = params.get("reply_parameters")
        antwoord_id = (
            _als_int(antwoord_op.get("message_id"))
            if isinstance(antwoord_op, dict)
            else _als_int(params.get("reply_to_message_id"))
        )
        origineel = self._berichten.get((chat_id, antwoord_id or 0))
        if origineel is not None:
            bericht["reply_to_message"] = {
                k: v for k, v in origineel.items() if k != "reply_to_message"
            }
        if markup is not None:
            bericht["reply_markup"] = markup
        self._berichten[(chat_id, bericht["message_id"])] = bericht
        return copy.deepcopy(bericht)

    def _media(
        self,
        sleutel: str,
        params: JSON,
        bestanden: dict[str, bytes],
        namen: dict[str, str],
        soorten: dict[str, str],
    ) -> JSON:
        veld, standaard_mime, extra = _MEDIA[sleutel]
        if veld in bestanden:
            inhoud = bestanden[veld]
            file_id = self._nieuw_file_id(veld)
            self._bestanden[file_id] = (inhoud, veld)
            naam = namen.get(veld, veld)
            mime = soorten.get(veld) or standaard_mime
        else:
            bron = params.get(veld)
            if not isinstance(bron, str) or not bron:
                raise _bad_request(f"there is no {veld} in the request")
            if bron in self._bestanden:
                file_id = bron
                inhoud = self._bestanden[bron][0]
            else:
                file_id = self._nieuw_file_id(veld)
                inhoud = f"fake download of {bron}".encode()
                self._bestanden[file_id] = (inhoud, veld)
            naam = bron.rsplit("/", 1)[-1]
            mime = standaard_mime
        object_: JSON = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(inhoud),
            **extra,
        }
        if veld == "photo":
            return {"photo": [{**object_, "width": 800, "height": 600}]}
        if veld in ("document", "audio", "video", "animation"):
            object_["file_name"] = naam
        if veld != "sticker":
            object_["mime_type"] = mime
        return {veld: object_}

    def _bewerk(self, sleutel: str, params: JSON, chat_id: int | None) -> Any:
        if params.get("inline_message_id"):
            return True
        doel = self._vereis_chat(chat_id)
        mid = _als_int(params.get("message_id"))
        bericht = self._berichten.get((doel, mid or 0))
        if bericht is None:
            raise _bad_request("message to edit not found")
        if bericht.get("from", {}).get("id") != self.bot_user["id"]:
            raise _bad_request("message can't be edited")
        nieuw = copy.deepcopy(bericht)
        if sleutel == "editmessagetext":
            if "text" not in bericht:
                raise _bad_request("there is no text in the message to edit")
            nieuw["text"] = self._zichtbaar(params, "text", 4096)
        elif sleutel == "editmessagecaption":
            if "text" in bericht:
                raise _bad_request("there is no caption in the message to edit")
            nieuw["caption"] = self._zichtbaar(params, "caption", 1024)
        markup = self._inline_markup(params)
        nieuw.pop("reply_markup", None)
        if markup is not None:
            nieuw["reply_markup"] = markup
        if nieuw == bericht:
            raise _bad_request(_NIET_GEWIJZIGD.removeprefix("Bad Request: "))
        nieuw["edit_date"] = int(time.time())
        self._berichten[(doel, bericht["message_id"])] = nieuw
        return copy.deepcopy(nieuw)


_ZONDER_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _post_json(url: str, update: JSON, secret_token: str | None) -> int:
    verzoek = urllib.request.Request(
        url,
        data=json.dumps(update).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    if secret_token is not None:
        verzoek.add_header("X-Telegram-Bot-Api-Secret-Token", secret_token)
    try:
        with _ZONDER_PROXY.open(verzoek, timeout=10) as antwoord:
            return int(antwoord.status)
    except urllib.error.HTTPError as fout:
        return int(fout.code)


def vrije_poort() -> int:
    """A TCP port on 127.0.0.1 that is free now: for a webhook server in a test."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def post_update(url: str, update: JSON, secret_token: str | None = None) -> int:
    """POST an update to a bot's webhook the way Telegram does; return the HTTP status.

    The fake already delivers queued updates itself once the bot calls ``setWebhook``;
    this is for hand-made requests, e.g. with a wrong secret token.
    """
    return await asyncio.to_thread(_post_json, url, update, secret_token)
