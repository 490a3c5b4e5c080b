"""The safe expression language of rule files (`expect`, deadlines).

Rule files come from offices, not from us, so an expression must never run code. It is parsed
once, at load time, with `ast.parse` and checked against a whitelist of node types and names;
a mistake is reported with its character offset so that `rules lint` can point at the column.
Evaluation walks the checked tree with a few lines of our own (no `eval`, no attribute access
beyond `prev.x`, no `**`, no strings, no comprehensions).

Values: numbers, dates, booleans and None. None stands for a blank cell that the rule chose
not to read as 0: any arithmetic or comparison touching None yields None, and the caller
reports the identity as not evaluable. Comparisons take a tolerance so that a table in 万元
rounded to two decimals is not called wrong for 0.005.

A wildcard name `refused_*` means every row (or column) whose key is `refused` or starts with
`refused_`; it is only allowed inside `sum()`.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

WILD = "ω"  # stands in for '*' after a name: same length, so offsets stay right
_WILD_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*_)\*")

FUNCTIONS = ("sum", "abs", "date", "min", "max")
_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_CMPOPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_NODES = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd,
    ast.BinOp, ast.Compare, ast.Call, ast.Name, ast.Load, ast.Constant, ast.Attribute,
    ast.List, ast.Tuple, *_BINOPS, *_CMPOPS,
)
_OP_TEXT = {ast.Pow: "**", ast.Mod: "%", ast.FloorDiv: "//", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
            ast.LShift: "<<", ast.RShift: ">>", ast.MatMult: "@", ast.Invert: "~"}


class ExprError(ValueError):
    """A mistake in an expression, with the 0-based character offset where it is."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


class EvalError(ValueError):
    """The expression is well formed but cannot be computed for this input (÷0, wrong type)."""


@dataclass(frozen=True)
class Expr:
    source: str
    tree: ast.Expression
    names: frozenset[str]  # plain names used; wildcards kept as 'refused_*'
    prev_names: frozenset[str]  # names used as prev.x

    def __str__(self) -> str:
        return self.source


def display(name: str) -> str:
    return name.replace(WILD, "*")


def is_wild(name: str) -> bool:
    return name.endswith((WILD, "*"))


def wild_prefix(name: str) -> str:
    return display(name)[:-1]


def wild_matches(name: str, keys: Iterable[str]) -> list[str]:
    """Keys a wildcard stands for: 'refused_*' matches 'refused_1'…, and also plain 'refused'."""
    prefix = wild_prefix(name)
    return sorted(k for k in keys if k.startswith(prefix) or k == prefix[:-1])


def parse(
    source: str,
    names: Iterable[str] | None = None,
    *,
    allow_prev: bool = False,
    prev_names: Iterable[str] | None = None,
) -> Expr:
    """Parse and check `source`. `names` (if given) are the only names it may use."""
    if not isinstance(source, str) or not source.strip():
        raise ExprError("表达式为空", 0)
    text = _WILD_RE.sub(lambda m: m.group(1) + WILD, source)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as e:
        at = e.offset - 1 if e.offset else len(text.strip())  # offset 0: unexpected end
        raise ExprError(f"表达式无法解析：{e.msg}", at) from None
    lead = len(text) - len(text.lstrip())
    allowed = None if names is None else set(names)
    allowed_prev = None if prev_names is None else set(prev_names)
    used: set[str] = set()
    used_prev: set[str] = set()
    for node in ast.walk(tree):
        off = lead + getattr(node, "col_offset", 0)
        if isinstance(node, (ast.BinOp, ast.UnaryOp, ast.BoolOp)) and not isinstance(node.op, _NODES):
            raise ExprError(f"表达式中不允许使用运算符 {_OP_TEXT.get(type(node.op), type(node.op).__name__)}", off)
        if isinstance(node, ast.Compare) and any(not isinstance(o, _CMPOPS) for o in node.ops):
            raise ExprError("表达式中只允许 == != < <= > >= 比较", off)
        if not isinstance(node, _NODES):
            op = _OP_TEXT.get(type(getattr(node, "op", None)))
            what = f"运算符 {op}" if op else f"“{type(node).__name__}”"
            raise ExprError(f"表达式中不允许使用{what}", off)
        if isinstance(node, ast.Constant) and (
            isinstance(node.value, bool) or not isinstance(node.value, (int, float))
        ):
            raise ExprError(f"表达式中只允许数字常量，不允许 {node.value!r}", off)
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                raise ExprError(f"只允许调用函数 {', '.join(FUNCTIONS)}", off)
            if node.keywords:
                raise ExprError("函数调用不允许关键字参数", off)
        if isinstance(node, ast.Attribute):
            if not (allow_prev and isinstance(node.value, ast.Name) and node.value.id == "prev"):
                raise ExprError("只允许 prev.名称 形式的属性访问", off)
            if node.attr.startswith("_"):
                raise ExprError(f"不允许的名称“{node.attr}”", off)
            _check_name(node.attr, allowed_prev if allowed_prev is not None else allowed, off, "prev.")
            used_prev.add(display(node.attr))
    parents = _parents(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            off = lead + node.col_offset
            parent = parents.get(id(node))
            if isinstance(parent, ast.Call) and parent.func is node:
                continue
            if isinstance(parent, ast.Attribute) and node.id == "prev":
                continue
            if node.id.startswith("_"):
                raise ExprError(f"不允许的名称“{node.id}”", off)
            _check_name(node.id, allowed, off, "")
            used.add(display(node.id))
    _check_wild_positions(tree, lead)
    return Expr(source, tree, frozenset(used), frozenset(used_prev))


def _check_name(name: str, allowed: set[str] | None, off: int, prefix: str) -> None:
    if allowed is None:
        return
    if is_wild(name):
        if not wild_matches(name, allowed):
            raise ExprError(f"通配名称“{prefix}{display(name)}”不匹配任何可用名称", off)
        return
    if name not in allowed:
        sample = "、".join(sorted(allowed)[:12]) + ("…" if len(allowed) > 12 else "")
        raise ExprError(f"未知名称“{prefix}{name}”（可用：{sample}）", off)


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}


def _check_wild_positions(tree: ast.AST, lead: int) -> None:
    parents = _parents(tree)
    for node in ast.walk(tree):
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        if not is_wild(name):
            continue
        parent = parents.get(id(node))
        if isinstance(parent, (ast.List, ast.Tuple)):
            parent = parents.get(id(parent))
        if not (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "sum"):
            raise ExprError(f"通配名称“{display(name)}”只能出现在 sum() 里", lead + node.col_offset)


# --------------------------------------------------------------------------- evaluation

Resolver = Callable[[str], Any]  # name -> value; for wildcards, name -> list of values


def evaluate(
    expr: Expr,
    resolve: Resolver,
    resolve_prev: Resolver | None = None,
    *,
    tolerance: float = 0.0,
) -> Any:
    return _Walker(resolve, resolve_prev, tolerance).run(expr.tree.body)


def sides(expr: Expr, resolve: Resolver, resolve_prev: Resolver | None = None) -> tuple[Any, Any] | None:
    """For `a == b` style expressions: the values of both sides (printed, computed)."""
    body = expr.tree.body
    if isinstance(body, ast.Compare) and len(body.ops) == 1:
        w = _Walker(resolve, resolve_prev, 0.0)
        return w.run(body.left), w.run(body.comparators[0])
    return None


def compare_names(expr: Expr) -> tuple[list[str], list[str]]:
    """Names on each side of a single comparison (for evidence); ([], []) otherwise."""
    body = expr.tree.body
    if not (isinstance(body, ast.Compare) and len(body.ops) == 1):
        return [], []

    def names(node: ast.AST) -> list[str]:
        return [display(n.id) for n in ast.walk(node) if isinstance(n, ast.Name) and n.id not in FUNCTIONS]

    return names(body.left), names(body.comparators[0])


class _Walker:
    def __init__(self, resolve: Resolver, resolve_prev: Resolver | None, tolerance: float):
        self.resolve = resolve
        self.resolve_prev = resolve_prev
        self.tol = tolerance

    def run(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return self.resolve(display(node.id))
        if isinstance(node, ast.Attribute):
            if self.resolve_prev is None:
                raise EvalError("没有上一期数据")
            return self.resolve_prev(display(node.attr))
        if isinstance(node, ast.UnaryOp):
            v = self.run(node.operand)
            if isinstance(node.op, ast.Not):
                return None if v is None else not v
            if v is None:
                return None
            return -v if isinstance(node.op, ast.USub) else +v
        if isinstance(node, ast.BoolOp):
            return self._boolop(node)
        if isinstance(node, ast.BinOp):
            return self._binop(node)
        if isinstance(node, ast.Compare):
            return self._compare(node)
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.run(e) for e in node.elts]
        raise EvalError(f"不支持的表达式节点 {type(node).__name__}")

    def _boolop(self, node: ast.BoolOp) -> Any:
        values = [self.run(v) for v in node.values]
        if isinstance(node.op, ast.And):
            if any(v is False for v in values):
                return False
            return None if any(v is None for v in values) else all(values)
        if any(v is True for v in values):
            return True
        return None if any(v is None for v in values) else any(values)

    def _binop(self, node: ast.BinOp) -> Any:
        a, b = self.run(node.left), self.run(node.right)
        if a is None or b is None:
            return None
        try:
            if isinstance(node.op, ast.Add):
                return a + b
            if isinstance(node.op, ast.Sub):
                return a - b
            if isinstance(node.op, ast.Mult):
                return a * b
            return a / b
        except ZeroDivisionError:
            raise EvalError("除数为 0") from None
        except TypeError as e:
            raise EvalError(f"类型不匹配：{e}") from None

    def _compare(self, node: ast.Compare) -> Any:
        left = self.run(node.left)
        result: Any = True
        for op, comp in zip(node.ops, node.comparators):
            right = self.run(comp)
            if left is None or right is None:
                result = None if result is not False else False
            else:
                ok = self._cmp(op, left, right)
                if not ok:
                    return False
            left = right
        return result

    def _cmp(self, op: ast.cmpop, a: Any, b: Any) -> bool:
        numeric = isinstance(a, (int, float)) and isinstance(b, (int, float))
        if isinstance(a, dt.date) != isinstance(b, dt.date):
            raise EvalError(f"无法比较 {a!r} 与 {b!r}")
        tol = self.tol if numeric else 0
        if isinstance(op, ast.Eq):
            return abs(a - b) <= tol if numeric else a == b
        if isinstance(op, ast.NotEq):
            return abs(a - b) > tol if numeric else a != b
        if isinstance(op, ast.Lt):
            return a < b + tol if numeric else a < b
        if isinstance(op, ast.LtE):
            return a <= b + tol if numeric else a <= b
        if isinstance(op, ast.Gt):
            return a + tol > b if numeric else a > b
        return a + tol >= b if numeric else a >= b

    def _call(self, node: ast.Call) -> Any:
        fname = node.func.id  # type: ignore[attr-defined]
        args: list[Any] = []
        for a in node.args:
            v = self.run(a)
            args.extend(v if isinstance(v, list) else [v])
        if fname == "date":
            if len(args) != 3 or any(not isinstance(x, int) for x in args):
                raise EvalError("date() 需要三个整数：年、月、日")
            try:
                return dt.date(*args)
            except ValueError as e:
                raise EvalError(f"无效日期：{e}") from None
        if any(v is None for v in args):
            return None
        if fname == "sum":
            return sum(args)
        if not args:
            raise EvalError(f"{fname}() 缺少参数")
        if fname == "abs":
            if len(args) != 1:
                raise EvalError("abs() 只接受一个参数")
            return abs(args[0])
        return min(args) if fname == "min" else max(args)


def mapping_resolver(values: Mapping[str, Any]) -> Resolver:
    """A resolver over a plain dict; wildcards give the list of matching values."""

    def resolve(name: str) -> Any:
        if name.endswith("*"):
            return [values[k] for k in wild_matches(name, values)]
        if name not in values:
            raise EvalError(f"缺少名称“{name}”的值")
        return values[name]

    return resolve
