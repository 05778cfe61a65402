"""The demo Licheng district: its court, centre, towns and workstations, companies, communities
and staff (every name invented or public; no real person)."""

from __future__ import annotations

import datetime as dt

from mediation_app.domain.enums import Role

COURT = "福建省莆田市荔城区人民法院"
DISTRICT_CENTRE = "荔城区物业纠纷调处中心"
TOWNS = ("拱辰街道", "镇海街道", "西天尾镇", "黄石镇", "新度镇", "北高镇")
WORKSTATIONS = {
    "拱辰街道": ("步云社区", "英龙社区"),
    "镇海街道": ("文献社区", "梅峰社区"),
    "西天尾镇": ("后卓村",),
    "黄石镇": ("清前村",),
    "新度镇": ("蒲坂村",),
    "北高镇": ("埕头村",),
}
COMPANIES = (
    ("莆田市荔安物业服务有限公司", "莆田市荔城区拱辰街道荔园路88号", "林某某"),
    ("福建恒顺物业管理有限公司", "莆田市荔城区镇海街道文献东路199号", "黄某"),
    ("莆田市嘉禾物业服务有限公司", "莆田市荔城区西天尾镇龙山路12号", "郑某某"),
    ("莆田市锦华物业服务有限公司", "莆田市荔城区黄石镇东园路6号", "吴某"),
)
COMMUNITIES = (
    ("荔景花园", "拱辰街道", 0),
    ("凤凰山庄", "拱辰街道", 1),
    ("紫荆苑", "镇海街道", 0),
    ("万兴城", "镇海街道", 1),
    ("海棠湾", "西天尾镇", 2),
    ("锦绣华庭", "西天尾镇", 3),
    ("龙桥新村", "黄石镇", 3),
    ("兰亭雅苑", "新度镇", 2),
    ("东岩御景", "北高镇", 0),
    ("镇海名都", "镇海街道", 1),
)
STAFF: tuple[tuple[str, str, Role, str | None], ...] = (
    ("judge.lin", "林振华", Role.JUDGE, None),
    ("judge.zheng", "郑雅琴", Role.JUDGE, None),
    ("mediator.chen", "陈志明", Role.MEDIATOR, None),
    ("mediator.huang", "黄丽华", Role.MEDIATOR, None),
    ("mediator.wu", "吴建国", Role.MEDIATOR, "拱辰街道"),
    ("mediator.xu", "许文斌", Role.MEDIATOR, "镇海街道"),
    ("mediator.cai", "蔡秀英", Role.MEDIATOR, "西天尾镇"),
    ("mediator.fang", "方志强", Role.MEDIATOR, "黄石镇"),
    ("clerk.yang", "杨某某", Role.CLERK, None),
    ("clerk.zhu", "朱某", Role.CLERK, None),
    ("supervisor.weng", "翁某某", Role.SUPERVISOR, None),
    ("admin", "系统管理员", Role.ADMIN, None),
)
CHE_ID_NUMBER_BIRTH = dt.date(1985, 6, 18)
# Every demo account signs in with this password once sign-in is turned on (Settings); the demo
# itself starts as a single seat without sign-in, so `make run` opens straight onto the cases.
DEMO_PASSWORD = "demo-2026"
# It is hashed once, ahead: argon2 takes a tenth of a second or more by design, which every demo
# build and every test that builds the demo's organisations would pay again. The password is
# public, so its salt may be too; a test checks that it verifies and needs no stronger parameters.
DEMO_PASSWORD_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$r3VeWKIW38+PADbPA8rLig$hMAd/j0qwiRv8q73R01mI06+lIw4NLNVB5E5wTOK7fI"
)


def company_of(community_name: str) -> str:
    """The property company serving a demo community."""
    for name, _town, company_index in COMMUNITIES:
        if name == community_name:
            return COMPANIES[company_index][0]
    raise KeyError(community_name)
