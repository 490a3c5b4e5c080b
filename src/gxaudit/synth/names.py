"""Made-up counties and the bodies that report to their disclosure office.

Every name here is invented for this project (青山县, 河西区 …); any likeness to a real
place is the accident of common Chinese place-name syllables. An agency carries the facts a
generated report draws on — its kind (乡镇/街道/县直部门/县级政府), full title name and two
topic phrases that make its prose its own, so that reports of one county do not read alike.
"""

from __future__ import annotations

import random

from pydantic import BaseModel

COUNTIES = ("青山县", "河西区", "云溪县", "石桥县", "松阳县", "临川区", "白沙县", "枫林县")
_TOWN_STEMS = ("东岭", "西河", "南山", "北坡", "石门", "柳溪", "桃源", "杨柳", "龙泉", "清水", "凤鸣", "马场",
               "黄土", "双河", "新塘", "白马", "横溪", "梅岭", "竹林", "高桥", "红旗", "团结", "长岗", "平安")
_STREET_STEMS = ("城关", "城东", "城西", "城南", "城北", "滨江", "新华", "解放", "人民路", "西湖")
_TOWN_TOPICS = ("惠农补贴发放", "宅基地审批", "河道治理", "人居环境整治", "生态公益林补偿", "低保动态管理",
                "农村公路建设", "防汛物资储备", "茶叶产业扶持", "村级财务公开", "高标准农田建设", "乡村振兴项目",
                "农村危房改造", "耕地保护", "退役军人服务", "残疾人两项补贴")
_STREET_TOPICS = ("老旧小区改造", "社区服务事项", "物业管理纠纷调处", "背街小巷整治", "社区养老服务",
                  "城市更新项目", "垃圾分类", "网格化管理")
# (short name, full name suffix, topic phrases)
_DEPARTMENTS = (
    ("教育局", ("义务教育招生入学", "学生资助", "校外培训机构监管")),
    ("财政局", ("预决算公开", "惠民惠农财政补贴资金", "政府采购")),
    ("民政局", ("社会救助", "养老服务机构监管", "殡葬管理")),
    ("卫生健康委员会", ("医疗机构执业许可", "公共卫生监督", "疫苗接种")),
    ("自然资源局", ("土地征收", "不动产登记", "国土空间规划")),
    ("市场监督管理局", ("食品安全抽检", "市场主体登记", "特种设备安全")),
    ("人力资源和社会保障局", ("就业创业补贴", "社会保险待遇", "劳动保障监察")),
    ("住房和城乡建设局", ("保障性住房分配", "建筑工程施工许可", "城镇燃气安全")),
    ("交通运输局", ("农村公路养护", "道路运输许可", "公交线路调整")),
    ("农业农村局", ("耕地地力保护补贴", "农机购置补贴", "动物防疫")),
    ("水利局", ("河湖长制", "取水许可", "小型水库安全")),
    ("生态环境分局", ("建设项目环评审批", "环境信访办理", "大气污染防治")),
    ("应急管理局", ("安全生产执法", "防汛抗旱", "危险化学品经营许可")),
    ("文化和旅游局", ("文物保护", "公共文化服务", "旅游市场监管")),
    ("发展和改革局", ("重点项目建设", "价格监测", "粮食储备")),
    ("统计局", ("统计数据发布", "经济普查", "统计执法")),
    ("医疗保障局", ("医保待遇支付", "定点医药机构管理", "医疗救助")),
    ("司法局", ("法律援助", "人民调解", "行政执法监督")),
    ("退役军人事务局", ("优抚对象抚恤", "退役军人就业", "烈士纪念设施")),
    ("城市管理局", ("市容环境整治", "户外广告审批", "城市照明")),
    ("审计局", ("审计结果公告", "经济责任审计", "审计整改")),
    ("林业局", ("林木采伐许可", "森林防火", "林长制")),
    ("商务局", ("消费券发放", "外贸企业服务", "成品油流通")),
    ("医院管理中心", ("医疗服务价格", "院务公开", "预约诊疗")),
)
KINDS = ("乡镇", "街道", "县直部门", "县级政府")


class Agency(BaseModel):
    name: str  # short name used in manifest and roster (东岭镇, 县教育局)
    full: str  # name printed in titles (青山县东岭镇人民政府, 青山县教育局)
    kind: str  # one of KINDS
    county: str
    topics: tuple[str, ...]  # what its prose talks about
    phone: str

    @property
    def is_government(self) -> bool:
        return self.kind in ("乡镇", "街道", "县级政府")


def county_agencies(county: str, rng: random.Random, towns: int = 8, streets: int = 2,
                    departments: int = 14) -> list[Agency]:
    """One county's roster: the government itself, its townships/streets and departments."""
    area = "".join(str(rng.randint(0, 9)) for _ in range(3))
    county[:-1]
    out = [Agency(name=f"{county}人民政府", full=f"{county}人民政府", kind="县级政府", county=county,
                  topics=("重大项目建设", "民生实事", "优化营商环境"), phone=f"0{area}-{rng.randint(1000000, 9999999)}")]
    for stem in rng.sample(_TOWN_STEMS, towns):
        kind_word = rng.choice(("镇", "镇", "镇", "乡"))
        name = stem + kind_word
        out.append(Agency(name=name, full=f"{county}{name}人民政府", kind="乡镇", county=county,
                          topics=tuple(rng.sample(_TOWN_TOPICS, 3)), phone=f"0{area}-{rng.randint(1000000, 9999999)}"))
    for stem in rng.sample(_STREET_STEMS, streets):
        name = stem + "街道"
        out.append(Agency(name=name, full=f"{county}{name}办事处", kind="街道", county=county,
                          topics=tuple(rng.sample(_STREET_TOPICS, 3)), phone=f"0{area}-{rng.randint(1000000, 9999999)}"))
    for dept, topics in rng.sample(_DEPARTMENTS, departments):
        prefix = "区" if county.endswith("区") else "县"
        out.append(Agency(name=f"{prefix}{dept}", full=f"{county}{dept}", kind="县直部门", county=county,
                          topics=topics, phone=f"0{area}-{rng.randint(1000000, 9999999)}"))
    return out


def site(county: str) -> str:
    """The county portal's host, e.g. www.qingshan.gov.cn (pinyin-free: a stable made-up code)."""
    code = sum(ord(ch) for ch in county) % 9000 + 1000
    return f"www.xian{code}.gov.cn"
