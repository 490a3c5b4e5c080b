"""A generated report as SpecBlocks: the 2021 format, the 2019 format, the pre-2019 free form and
the 政务公开工作总结, written the way county clerks write them.

`Plan` carries the numbers (`tables`) and the prose switches the defects set (`flags`), so a
clean report and a defective one differ only where the defect says. Prose is assembled from
independent choices (topics, counts, problem and measure sentences) so that two bodies of one
county do not read alike (the packs' near-duplicate rules compare them).
"""

from __future__ import annotations

import random

from pydantic import BaseModel, Field

from gxaudit.synth import tables as T
from gxaudit.synth.names import Agency, site
from gxaudit.synth.spec import SpecBlock

FORMS = ("2021", "2019", "legacy", "summary")
CITES = {"2021": "国办公开办函〔2021〕30号", "2019": "国办公开办函〔2019〕60号"}
STOCK_PART5 = ("一是公开意识有待进一步提高，个别工作人员对政务公开工作重视不够；二是公开内容不够全面，"
               "公开的深度和广度有待加强；三是公开形式较为单一，有待进一步加强。下一步，我们将进一步加强学习，"
               "提高认识，不断丰富公开内容，创新公开形式，推动政务公开工作再上新台阶。")
LEFTOVERS = ("本文来源：网络，仅供参考，如有侵权请联系删除。", "以上就是小编为大家整理的政府信息公开工作年度报告，供大家参考。",
             "推荐内容：2024年政务公开工作总结范文精选", "更新时间：2024-03-05 10:21:36")


class Plan(BaseModel):
    agency: Agency
    year: int
    form: str  # one of FORMS
    tables: dict[str, dict] = Field(default_factory=dict)
    units: dict[str, str] = Field(default_factory=dict)
    merged: bool = True  # official merged-cell layout, else the plain one
    flags: dict[str, object] = Field(default_factory=dict)  # set by defects
    items: int = 0  # items proactively published
    seed: int = 0


def _pick(rng: random.Random, options, k: int = 1):
    return rng.sample(list(options), k) if k > 1 else rng.choice(list(options))


def _app_sentence(p: Plan) -> str:
    a = p.tables.get("applications")
    if not a:
        return "全年未收到政府信息公开申请。"
    new, cin, out = (int(a[r]["total"] or 0) for r in ("new", "carried_in", "carried_out"))
    if new + cin == 0:
        return "全年未收到政府信息公开申请，无上年结转申请。"
    return (f"全年新收政府信息公开申请{new}件，上年结转{cin}件，结转下年度继续办理{out}件，"
            f"均在法定期限内答复。")


def _who(a: Agency) -> str:
    return "本镇" if a.kind == "乡镇" and a.name.endswith("镇") else "本乡" if a.kind == "乡镇" else \
        "本街道" if a.kind == "街道" else "本局" if a.name.endswith("局") else "本单位"


def _service(a: Agency) -> str:
    return "便民服务中心" if a.kind in ("乡镇", "街道") else "政务服务中心窗口"


def part1(p: Plan, rng: random.Random) -> list[str]:
    a, y = p.agency, p.year
    t1, t2 = a.topics[0], a.topics[1]
    thin = p.flags.get("thin_part1")
    if thin:
        return [(f"{y}年，{a.full}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕{t1}、{t2}等重点工作，"
                f"全年主动公开政府信息{p.items}条，及时发布工作动态和通知公告。")]
    leader = _pick(rng, ("主要负责同志", "党委书记", "主要领导"))
    n_train = rng.randint(1, 4)
    return [
        (f"（一）主动公开。全年在{a.county}人民政府门户网站{_who(a)}政府信息公开专栏主动公开政府信息{p.items}条，"
        f"重点公开{t1}、{t2}等信息，涉及群众切身利益的事项均在办理前公示。"),
        f"（二）依申请公开。{_app_sentence(p)}受理、登记、审核、答复各环节均留存记录。",
        (f"（三）政府信息管理。落实公开前保密审查制度和主动公开、依申请公开工作制度，建立信息发布台账，"
        f"对发布的信息逐条登记归档，全年更正错误信息{rng.randint(0, 4)}条，撤下过期信息{rng.randint(1, 9)}条。"),
        (f"（四）平台建设。维护县政府门户网站政府信息公开专栏，及时更新政府信息公开指南和公开目录（标准目录）；"
        f"在{_service(a)}设置政务公开栏和查阅点{rng.randint(1, 3)}处，公开办事指南{rng.randint(8, 60)}项，"
        f"“{a.county[:-1]}发布”微信公众号同步推送{rng.randint(20, 200)}条。"),
        (f"（五）监督保障。成立由{leader}任组长的政务公开工作领导小组，日常工作由办公室具体负责，"
        f"配备{rng.randint(1, 2)}名兼职信息员；将政务公开纳入年度目标考核，建立考核问责机制，"
        f"全年组织业务培训{n_train}次。"),
    ]


_PROBLEMS = ("{t}类信息更新不够及时，{m}月份出现集中发布的情况", "公开目录中的{t2}事项与办事指南衔接不够，{n}项指南要素不全",
             "政策解读以文字为主，{n}篇解读中图解、视频形式仅占少数", "依申请公开答复文书格式不统一，{n}件答复未载明救济途径",
             "个别栏目分类不准确，{n}条信息发布在错误栏目", "基层公开栏更新滞后，{m}月份内容未及时替换",
             "{t}信息公开的颗粒度不够细，未按村（社区）分列")
_MEASURES = ("{y1}年起由专人每周检查{t}栏目更新情况", "每季度对照公开目录核对一次办事指南",
             "对{n}项要素不全的办事指南已于{y1}年2月前完成补正", "制定答复文书模板，统一载明救济途径和期限",
             "开展栏目清理，{n}条错栏信息已迁移到正确栏目", "明确公开栏每月5日前更新，由办公室拍照留档",
             "{t}信息按村（社区）分列公开，并同步推送到微信公众号")
_FOLLOWUP = ("上年度报告提出的“政策解读形式单一”问题，已通过制作图解{n}篇完成整改。",
             "针对上年度报告所列“栏目更新不及时”问题，已建立周检查制度，整改到位。",
             "上一年度存在的公开目录不完整问题，已于{y}年{m}月完成整改，补充目录事项{n}项。")


def part5(p: Plan, rng: random.Random) -> list[str]:
    if p.flags.get("stock5"):
        return [STOCK_PART5]
    a = p.agency
    fill = {"t": a.topics[0], "t2": a.topics[-1], "y": p.year, "y1": p.year + 1, "m": rng.randint(2, 11), "n": rng.randint(2, 9)}
    idx = rng.sample(range(len(_PROBLEMS)), 2)
    probs = [_PROBLEMS[i].format(**fill) for i in idx]
    meas = [_MEASURES[i].format(**fill) for i in idx]
    out = []
    if not p.flags.get("no_followup"):
        out.append(_pick(rng, _FOLLOWUP).format(**fill))
    out.append(f"本年度存在的问题：一是{probs[0]}；二是{probs[1]}。")
    out.append(f"改进措施：一是{meas[0]}；二是{meas[1]}。")
    return out


def part6(p: Plan, rng: random.Random) -> list[str]:
    a = p.agency
    out = []
    if p.form == "2021" and not p.flags.get("no_fee"):
        out.append(_pick(rng, ("本年度未发出收费通知，未收取信息处理费。",
                               "本年度未向申请人收取信息处理费。",
                               "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。")))
    extra = f"{_who(a)}按县政务公开工作要点，完成{a.topics[0]}信息的季度公示。"
    if a.is_government:
        extra += f"年度政务公开工作要点确定的{rng.randint(8, 20)}项任务全部完成；办理人大代表建议{rng.randint(0, 6)}件、政协提案{rng.randint(0, 5)}件。"
    out.append(extra)
    if p.form != "2021":
        out.append("本年度无其他需要报告的事项。" if len(out) == 0 else "")
    return [x for x in out if x]


def _preamble(p: Plan, fmt_form: str) -> str:
    a, y = p.agency, p.year
    y2 = "20xx" if p.flags.get("placeholder_year") else str(y)
    y_end = str(y + 1) if p.flags.get("period_mismatch") else y2
    cite = CITES["2019" if p.flags.get("cite_wrong") else fmt_form]
    contact = "×××" if p.flags.get("placeholder_name") else "办公室"
    return (f"本报告依据《中华人民共和国政府信息公开条例》和{cite}要求编制。本报告所列数据的统计期限"
            f"自{y2}年1月1日起至{y_end}年12月31日止。本报告电子版可在{a.county}人民政府门户网站（{site(a.county)}）下载，"
            f"如有疑问请与{a.full}{contact}联系（电话：{a.phone}）。")


def official_blocks(p: Plan, rng: random.Random) -> list[SpecBlock]:
    """The six parts, with the 2021 or the 2019 tables as `p.tables` holds them."""
    variant = p.flags.get("table_variant", p.form)
    para = lambda t: SpecBlock(kind="paragraph", text=t)
    head = lambda t: SpecBlock(kind="heading", text=t, level=2)
    parts: dict[int, list[SpecBlock]] = {
        1: [head("一、总体情况")] + [para(t) for t in part1(p, rng)],
        2: [head("二、主动公开政府信息情况"), T.proactive_block(p.tables["proactive"], str(variant), p.units)],
        3: [head("三、收到和处理政府信息公开申请情况"),
            T.applications_block(p.tables["applications"], str(variant), p.merged)],
        4: [head("四、政府信息公开行政复议、行政诉讼情况"), T.review_block(p.tables["review"])],
        5: [head("五、存在的主要问题及改进情况")] + [para(t) for t in part5(p, rng)],
        6: [head("六、其他需要报告的事项")] + [para(t) for t in part6(p, rng)],
    }
    order = [n for n in range(1, 7) if n not in p.flags.get("drop_parts", ())]
    swap = p.flags.get("swap_parts")
    if swap:
        i, j = order.index(swap[0]), order.index(swap[1])
        order[i], order[j] = order[j], order[i]
    out = [SpecBlock(kind="heading", text=f"{p.agency.full}{p.year}年政府信息公开工作年度报告", level=1),
           para(_preamble(p, str(variant)))]
    for n in order:
        out += parts[n]
    return out + _tail(p)


def _tail(p: Plan) -> list[SpecBlock]:
    out = [SpecBlock(kind="paragraph", text=p.agency.full)]
    if p.flags.get("leftover"):
        out.append(SpecBlock(kind="paragraph", text=str(p.flags["leftover"])))
    return out


def legacy_blocks(p: Plan, rng: random.Random) -> list[SpecBlock]:
    """The free form of 2008–2018 (2007 条例 第三十二条), optionally with its 统计表."""
    a, y = p.agency, p.year
    y2 = "20xx" if p.flags.get("placeholder_year") else str(y)
    y_end = str(y + 1) if p.flags.get("period_mismatch") else y2
    para = lambda t: SpecBlock(kind="paragraph", text=t)
    head = lambda t: SpecBlock(kind="heading", text=t, level=2)
    s = p.tables.get("legacy_stats")
    reqs = int(s["requests_total"]["year"]) if s else rng.randint(0, 5)
    contact = "×××" if p.flags.get("placeholder_name") else "办公室"
    out = [SpecBlock(kind="heading", text=f"{a.full}{y}年政府信息公开工作年度报告", level=1),
           para(f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特向社会公布{y2}年度{a.full}"
                f"政府信息公开年度报告。本报告中所列数据的统计期限自{y2}年1月1日起至{y_end}年12月31日止。"
                f"如对本报告有任何疑问，请与{a.full}{contact}联系（电话：{a.phone}）。"),
           head("一、概述"),
           para(f"{y}年，{_who(a)}成立由主要领导任组长的政府信息公开工作领导小组，日常工作由办公室承担，"
                f"配备兼职信息员{rng.randint(1, 3)}名；落实保密审查制度，建立信息发布协调机制和信息发布台账，"
                f"编制政府信息公开指南和公开目录，在{_service(a)}设置公开栏和查阅点，公开办事指南{rng.randint(5, 40)}项。"),
           head("二、主动公开政府信息情况"),
           para(f"全年通过县政府门户网站、公开栏等渠道主动公开政府信息{p.items}条，重点公开{a.topics[0]}、{a.topics[1]}等内容。"),
           head("三、依申请公开政府信息情况"),
           para(f"全年受理政府信息公开申请{reqs}件，均按期答复；" + ("无不予公开的情况。" if reqs == 0 or not s or not s["reply_refused"]["year"]
                                                                 else f"不予公开{int(s['reply_refused']['year'])}件，均书面告知理由。"))]
    if not p.flags.get("no_fee"):
        out += [head("四、政府信息公开的收费及减免情况"),
                para("本年度未收取检索、复制、邮寄等任何费用，无减免情况。")]
    out += [head("五、因政府信息公开申请行政复议、提起行政诉讼的情况"),
            para("本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"),
            head("六、政府信息公开工作存在的主要问题及改进情况")]
    out += [para(t) for t in part5(p, rng)]
    out += [head("七、其他需要报告的事项"), para("无其他需要报告的事项。")]
    if s:
        out += [para("附：政府信息公开情况统计表"), T.legacy_block(s, y)]
    return out + _tail(p)


_SUMMARY_ITEMS = (
    ("强化组织保障", "调整政务公开工作领导小组，由{leader}任组长，日常工作由办公室负责，明确{n}名兼职信息员专人负责信息报送"),
    ("健全工作制度", "修订保密审查、信息发布协调和考核问责制度{n}项，公开前逐条审核"),
    ("用好公开平台", "在县政府门户网站公开专栏发布信息{items}条，“{short}发布”微信公众号推送{n2}条"),
    ("完善指南目录", "更新政府信息公开指南，对照基层政务公开标准目录梳理事项{n2}项"),
    ("建好公开场所", "在{service}设置政务公开栏和查阅点，每月更新公开内容"),
    ("规范台账档案", "建立信息发布台账和依申请办理台账，资料按年度归档"),
    ("按时编报年报", "按时编制并公布{y0}年度政府信息公开工作年度报告"),
)


def summary_blocks(p: Plan, rng: random.Random) -> list[SpecBlock]:
    """A 政务公开工作总结 (what 十有 evaluations read); `drop_items` leaves 十有 items out."""
    a, y = p.agency, p.year
    fill = {"leader": "主要负责同志", "n": rng.randint(1, 4), "n2": rng.randint(20, 150), "items": p.items,
                "short": a.county[:-1], "service": _service(a), "y0": y - 1}
    para = lambda t: SpecBlock(kind="paragraph", text=t)
    head = lambda t: SpecBlock(kind="heading", text=t, level=2)
    drop = set(p.flags.get("drop_items", ()))
    out = [SpecBlock(kind="heading", text=f"{a.full}{y}年政务公开工作总结", level=1),
           para(f"{y}年，{_who(a)}以群众需求为导向，围绕{a.topics[0]}、{a.topics[1]}等重点工作推进政务公开，现将有关情况总结如下。"),
           head("一、工作开展情况")]
    n = 0
    for i, (title, body) in enumerate(_SUMMARY_ITEMS):
        if i in drop:
            continue
        n += 1
        out.append(para(f"（{'一二三四五六七八九'[n - 1]}）{title}。{body.format(**fill)}。"))
    if a.kind in ("乡镇", "街道"):
        out.append(para(f"此外，便民服务中心全年办理群众事项{rng.randint(300, 3000)}件，进驻事项和办事程序均上墙公开。"))
    else:
        out.append(para(f"此外，对{rng.randint(10, 80)}项对外服务事项逐项编制办事指南并在专栏公开。"))
    out += [head("二、存在的不足"), para(part5(p, rng)[-2]),
            head("三、下一步工作打算"), para(part5(p, rng)[-1])]
    return out + _tail(p)


def blocks(p: Plan) -> list[SpecBlock]:
    rng = random.Random(p.seed)
    if p.form in ("2021", "2019"):
        return official_blocks(p, rng)
    if p.form == "legacy":
        return legacy_blocks(p, rng)
    return summary_blocks(p, rng)
