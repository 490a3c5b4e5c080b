"""ReadError and the Chinese messages for each failure reason.

One table of reasons keeps every message in the same shape: the file, what went wrong, what
the submitter should do. Readers raise `fail(...)`; nothing else builds messages.
"""

from __future__ import annotations

from gxaudit.model import ReadFailure

# reason -> (what went wrong, what to do)
REASONS: dict[str, tuple[str, str]] = {
    "empty": ("文件是空的（0字节）", "请重新提交完整的文件"),
    "unreadable": ("文件不存在或没有读取权限", "请检查文件路径和权限后重新提交"),
    "not_text": ("内容不是可识别的文字（可能是二进制文件或编码无法识别）", "请另存为UTF-8或GB18030编码的文本，或提交原始格式文件"),
    "corrupt": ("文件已损坏或格式不正确", "请用办公软件打开确认后重新保存并提交"),
    "too_large": ("文件超过大小限制", "请拆分文件或压缩图片后重新提交"),
    "unsafe": ("文件含有不安全的结构（如XML实体扩展或解压后体积异常）", "请用办公软件另存为新文件后重新提交"),
    "timeout": ("读取超时", "请检查文件是否过大或损坏，必要时另存为新文件后重新提交"),
    "needs_ocr": ("PDF 没有文字层（可能是扫描件）", "需要先做文字识别（OCR）或提供文字版"),
    "encrypted": ("文件已加密或设有打开密码", "请提供未加密的文件"),
    "too_many_pages": ("PDF 页数超过限制", "请只提交报告正文，或拆分后重新提交"),
    "needs_conversion": ("是旧版Office/WPS格式，本机未安装 LibreOffice，无法自动转换", "请用 WPS 或 Word 另存为 .docx（表格另存为 .xlsx）后重新提交，或安装 LibreOffice"),
    "conversion_failed": ("用 LibreOffice 转换失败", "请用 WPS 或 Word 另存为 .docx/.xlsx 后重新提交"),
    "unsupported": ("文件格式不受支持", "请提交 txt、docx、html、pdf、xlsx 或 csv 格式的文件"),
}


class ReadError(Exception):
    """A file that cannot be read; `.failure` is what goes into every output."""

    def __init__(self, failure: ReadFailure):
        super().__init__(failure.message)
        self.failure = failure


def message(name: str, reason: str, detail: str | None = None) -> str:
    what, todo = REASONS.get(reason, ("读取失败", "请检查文件后重新提交"))
    extra = f"（{detail}）" if detail else ""
    return f"无法读取 {name}：{what}{extra}，{todo}"


def fail(name: str, reason: str, detail: str | None = None) -> ReadError:
    """Build (not raise) the error, so call sites read `raise fail(...)`."""
    return ReadError(ReadFailure(path=name, reason=reason, message=message(name, reason, detail)))
