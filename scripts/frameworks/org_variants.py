#!/usr/bin/env python3
"""Writes the seven 分类指导 variants of org-five-goods (001 四: 农村, 街道社区, 国有企业, 机关,
高等学校, 事业单位, 非公有制经济组织和社会组织).

Each variant is a full standalone framework: it copies org-five-goods.json (dimensions, bonus,
deductions, vetoes, grades, sources) and then, per dimension, lays out the indicators listed in
LAYOUT below: a general indicator id is copied verbatim (only its points may change); any other
id is a type indicator defined in TYPES. Every dimension keeps 3-6 indicators and 20 points.

Usage (authoring time only; the JSON files are what ships):
    python3 scripts/frameworks/org_variants.py
    python3 scripts/frameworks/fill_hant.py core/frameworks/org-five-goods-*.json
The second step is run automatically when the opencc module is importable.
"""
import copy
import importlib.util
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FRAMEWORKS = ROOT / "core" / "frameworks"
BASE = FRAMEWORKS / "org-five-goods.json"

LEVEL_META = [("good", "好", "Good", 100), ("fair", "较好", "Fairly good", 80),
              ("average", "一般", "Average", 60), ("poor", "差", "Poor", 30)]
INTERNAL = ["self", "superior"]


def t(zh, en):
    return {"zh-Hans": zh, "en": en}


def levels(*pairs):
    assert len(pairs) == 4
    return {"kind": "levels", "levels": [
        {"id": lid, "label": t(lzh, len_), "percent": pct, "descriptor": t(zh, en)}
        for (lid, lzh, len_, pct), (zh, en) in zip(LEVEL_META, pairs)]}


def ind(iid, title, guidance, scale, sources=None):
    """A type indicator; points come from LAYOUT."""
    d = {"id": iid, "title": t(*title), "guidance": t(*guidance), "points": None, "scale": scale}
    if sources:
        d["sources"] = sources
    return d


# ---------------------------------------------------------------------------------------------
# Type definitions. "focus" is the type's own sentence of 001 四, used in the description.
# "layout" maps each dimension to [(indicator id, points)]; ids not in the base are defined in
# "indicators". "bonus" lists extra bonus items appended to the general ones.
# ---------------------------------------------------------------------------------------------
TYPES = {}

TYPES["rural"] = {
    "name": t("农村", "rural"),
    "focus": t("把发展现代农业、培养新型农民、带领群众致富、维护农村稳定贯穿始终，推行设岗定责、依岗承诺、“双述双评”和“四议一审两公开”工作法",
               "developing modern farming, training new-type farmers, leading villagers to prosperity and keeping the "
               "countryside stable, with posts and duties for members, pledges, public reporting and review, and the "
               "“four deliberations, one review, two disclosures” decision procedure"),
    "indicators": [
        ind("rural-post-duty", ("设岗定责与依岗承诺", "Posts, duties and pledges"),
            ("看农民党员设岗定责和依岗承诺：岗位设置是否结合村情（政策宣传、环境卫生、矛盾调解、帮扶致富等），党员上岗率，承诺是否在村务公开栏公示，“双述双评”的开展和结果运用，“五好党员户”创建情况。",
             "Look at posts, duties and pledges for village members: whether posts fit the village (policy outreach, sanitation, "
             "mediation, helping households prosper …), the share of members holding a post, whether pledges are posted on the "
             "village notice board, whether members report and are reviewed in public (“double reporting, double review”) and "
             "the results used, and the “five-good member household” scheme."),
            levels(
                ("有劳动能力的党员100%设岗定责，承诺在村务公开栏公示；每半年开展双述双评并公布结果；“五好党员户”有标准、有评定。",
                 "Every member able to work holds a post with set duties, pledges are on the village notice board; public "
                 "reporting and review every half-year with results published; the five-good household scheme has standards and awards."),
                ("上岗率90%以上，承诺已公示；双述双评已开展但结果运用不够；“五好党员户”有创建。",
                 "Over 90 % hold a post and pledges are posted; reporting and review took place but results are little used; "
                 "the five-good household scheme is under way."),
                ("上岗率70%–90%，岗位和承诺与村情结合不紧；双述双评未按时开展。",
                 "70–90 % hold a post; posts and pledges fit the village poorly; reporting and review were not held on time."),
                ("没有设岗，或多数党员无岗无责；承诺未公开，双述双评未开展。",
                 "No posts, or most members without a post or duty; pledges not published; no reporting and review."))),
        ind("rural-four-two", ("四议一审两公开", "Village decision procedure"),
            ("抽查本期村级重大事项（项目建设、资金使用、集体资产处置等）的决策档案：是否经村党组织提议、村“两委”商议、党员大会审议、村民代表会议或村民会议决议，报乡镇审核，决议和实施结果是否公开。",
             "Sample this period's major village matters (projects, use of funds, disposal of collective assets …) and read the "
             "decision files: proposed by the village Party organisation, deliberated by the two village committees, reviewed by "
             "the members' meeting, resolved by the villagers' (representatives') assembly, checked by the township, and both the "
             "resolution and the outcome made public."),
            levels(
                ("抽查的重大事项全部履行“四议一审两公开”，会议记录、签字和公开照片齐全，群众没有异议。",
                 "Every sampled matter went through the full procedure, with minutes, signatures and photos of the public notices; no objections from villagers."),
                ("全部履行了程序，个别环节记录不全或公开不及时，已补正。",
                 "All went through the procedure; a record was incomplete or a notice late, since put right."),
                ("部分重大事项程序不全，如未经党员大会审议或实施结果未公开。",
                 "Some matters skipped a step, e.g. no review by the members' meeting or no public notice of the outcome."),
                ("重大事项由少数人决定，程序基本未履行，引起群众质疑。",
                 "Major matters were decided by a few people with hardly any procedure, and villagers questioned them."))),
        ind("rural-lead-prosperity", ("带领群众致富", "Leading villagers to prosperity"),
            ("看发展现代农业和带富成效：村集体经济收入及增长、农民人均可支配收入增长、特色产业和合作组织（“支部+协会”等）带动的户数、党员致富带头人结对帮带情况，以统计报表和项目台账为据。",
             "Look at modern farming and rising incomes: collective income and its growth, growth in villagers' per-capita "
             "disposable income, households drawn into local specialities and cooperatives (“branch plus association” …), and "
             "members who lead in prospering paired with households, from statistics and project ledgers."),
            levels(
                ("集体经济收入和农民收入均明显增长、高于乡镇平均；有成型的特色产业或合作组织；党员致富带头人结对帮带户数多、效果可查。",
                 "Both collective and household incomes grew clearly, faster than the township average; an established local "
                 "speciality or cooperative; many households paired with member leaders, with traceable results."),
                ("集体和农民收入稳步增长，有产业项目在推进，党员帮带有一定成效。",
                 "Collective and household incomes grow steadily; industry projects under way; pairing shows some results."),
                ("收入增长缓慢、低于乡镇平均，产业项目少或效果不明显，帮带停留在登记。",
                 "Incomes grow slowly, below the township average; few projects or little effect; pairing exists only on paper."),
                ("集体经济薄弱且无起色，没有产业发展思路，党员没有起到带富作用。",
                 "A weak collective economy with no improvement, no plan for local industry; members do nothing to lead others to prosperity."))),
        ind("rural-new-farmers", ("培养新型农民", "Training new-type farmers"),
            ("看农民培训：实用技术和职业技能培训的期数和参训人数，远程教育站点使用记录，培训后实际应用或转移就业的人数。",
             "Look at training for villagers: sessions of practical farming and vocational training and the number trained, use "
             "of the distance-education point, and how many applied what they learned or found off-farm work."),
            levels(
                ("半年至少组织两期实用技术或技能培训，覆盖大多数农户；远程教育站点正常使用；培训后有人实际应用、增收有实例。",
                 "At least two training sessions in the half-year reaching most households; the distance-education point is used "
                 "regularly; trainees apply what they learned and higher earnings can be shown."),
                ("组织一至两期培训，参训面较广，有一定应用成效。",
                 "One or two sessions, fairly wide participation, some use made of them."),
                ("培训仅一次或只为完成任务，参训人少，效果说不清。",
                 "A single session, or one held just to tick a box; few attended and no clear effect."),
                ("半年内没有组织任何培训，远程教育站点闲置。",
                 "No training at all in the half-year; the distance-education point stands idle."))),
        ind("rural-stability", ("维护农村稳定", "Keeping the village stable"),
            ("看矛盾纠纷排查调处和平安建设：土地、宅基地、邻里等纠纷的排查台账和调处率，信访情况，治安状况，移风易俗和文明村建设。",
             "Look at dispute handling and public safety: the log of land, homestead and neighbour disputes and how many were "
             "settled, petitions, public order, and reform of customs and civic-village work."),
            levels(
                ("每月排查矛盾纠纷，调处率95%以上，纠纷不出村；没有越级上访和刑事案件；红白理事会等移风易俗有成效。",
                 "Disputes are checked monthly and over 95 % settled within the village; no petitions over the local level and "
                 "no criminal cases; customs reform (e.g. a weddings-and-funerals council) shows results."),
                ("排查较经常，调处率85%–95%，偶有信访能妥善化解。",
                 "Fairly frequent checks, 85–95 % settled; the odd petition is resolved well."),
                ("排查不定期，调处率70%–85%，有重复信访或土地纠纷久拖不决。",
                 "Irregular checks, 70–85 % settled; petitions recur or land disputes drag on."),
                ("矛盾积累，出现越级集体上访或恶性事件苗头，村风民风差。",
                 "Disputes pile up; a group petition over the local level or signs of violent conflict; a poor village atmosphere."))),
        ind("rural-agency-service", ("为民服务全程代理", "Full-service agency for villagers"),
            ("看为民服务全程代理和党员志愿服务：代办点设置、代办员（多由党员担任）名单公示、代办事项登记台账和办结率，党员志愿服务记录，群众满意情况。",
             "Look at the full-service agency and members' volunteering: the agency desk, the posted list of agents (mostly "
             "members), the ledger of errands handled and how many were completed, volunteering records, and villagers' satisfaction."),
            levels(
                ("代办点和代办员公示，随时找得到人；代办台账完整，办结率95%以上；党员志愿服务经常开展，群众评价高。",
                 "Desk and agents are posted and always reachable; the ledger is complete and over 95 % of errands are completed; "
                 "members volunteer often and villagers speak well of it."),
                ("代办服务正常运转，办结率85%–95%，志愿服务较经常。",
                 "The agency runs normally, 85–95 % completed; volunteering is fairly frequent."),
                ("代办服务时有时无，台账不全，办结率70%–85%。",
                 "The agency runs on and off, the ledger is incomplete, 70–85 % completed."),
                ("代办服务未开展或名存实亡，群众办事仍要自己跑。",
                 "No agency, or one in name only; villagers still run every errand themselves."))),
    ],
    "layout": {
        "leadership": [("leadership-policy", 5), ("leadership-unity", 5), ("leadership-pragmatic", 5), ("leadership-integrity", 5)],
        "members": [("members-quality", 4), ("members-awareness", 4), ("members-vanguard", 5), ("rural-post-duty", 4), ("members-management", 3)],
        "mechanism": [("mechanism-rules", 4), ("mechanism-meetings", 4), ("mechanism-dues", 2), ("rural-four-two", 5), ("mechanism-commitment", 5)],
        "performance": [("performance-tasks", 4), ("rural-lead-prosperity", 6), ("rural-new-farmers", 3), ("rural-stability", 4), ("performance-innovation", 3)],
        "reputation": [("reputation-prestige", 5), ("reputation-image", 5), ("reputation-ties", 5), ("rural-agency-service", 5)],
    },
}

TYPES["community"] = {
    "name": t("街道社区", "urban community"),
    "focus": t("把服务群众、凝聚人心、优化管理、维护稳定贯穿始终，建设楼栋党支部，实行党员“联系卡”和百姓“便民卡”，促进就业，化解矛盾纠纷",
               "serving residents, holding the community together, better management and stability, with Party cells in "
               "buildings, members' contact cards and residents' convenience cards, help into work and settling disputes"),
    "indicators": [
        ind("community-contact-card", ("党员联系卡", "Members' contact cards"),
            ("看党员联系居民的落实：每名党员联系的户数和“联系卡”发放，走访记录，在职党员到社区报到并认领服务项目的情况。",
             "Look at how members keep in touch with residents: households assigned to each member and contact cards handed "
             "out, visit records, and working members registering with the community and taking on a service task."),
            levels(
                ("每名党员都有联系户并发放联系卡，每季度至少走访联系户一次，记录完整；在职党员全部报到并认领服务项目。",
                 "Every member has assigned households and has given out contact cards, visits them at least once a quarter with "
                 "full records; every working member has registered and taken on a service task."),
                ("大多数党员有联系户，走访较经常；在职党员报到率90%以上。",
                 "Most members have assigned households and visit fairly often; over 90 % of working members registered."),
                ("联系卡已发但联系少，走访记录零散；在职党员报到率70%–90%，认领项目少。",
                 "Cards handed out but little contact, scattered records; 70–90 % of working members registered, few tasks taken on."),
                ("联系卡未发或只是形式，居民不知道联系自己的党员是谁；在职党员报到率低于70%。",
                 "No cards, or cards for show; residents do not know which member is theirs; under 70 % of working members registered."))),
        ind("community-building-branch", ("楼栋党组织建设", "Party cells in buildings"),
            ("看组织覆盖和网格管理：楼栋（小区、网格）党支部或党小组的设置和覆盖率、活动记录，楼栋长和网格员中的党员比例，活动场所、经费和人员保障，驻区单位共建协议和项目。",
             "Look at coverage and grid management: Party cells or groups in buildings (estates, grid squares), their coverage "
             "and activity records, the share of members among building heads and grid workers, premises, funds and staff, and "
             "joint-building agreements and projects with units in the area."),
            levels(
                ("楼栋（小区、网格）党组织全覆盖，每个都有每月活动记录；楼栋长、网格员中党员比例高；场所和经费有保障，共建有协议、有项目。",
                 "Every building (estate, grid square) has a Party cell with monthly activity records; many building heads and "
                 "grid workers are members; premises and funds are secure; joint building has agreements and projects."),
                ("覆盖率90%以上，多数楼栋党组织活动正常；场所经费基本有保障。",
                 "Over 90 % coverage and most cells active; premises and funds mostly secure."),
                ("覆盖率70%–90%，部分楼栋党组织有名无实；共建活动少。",
                 "70–90 % coverage; some cells exist only in name; little joint building."),
                ("覆盖率低于70%，楼栋党组织基本不活动，场所经费没有保障。",
                 "Under 70 % coverage; cells hardly meet; no secure premises or funds."))),
        ind("community-employment", ("促进就业", "Helping people into work"),
            ("看就业服务：辖区失业人员和就业困难人员台账，岗位信息发布、职业培训和推荐次数，实现就业或再就业人数，零就业家庭动态清零情况。",
             "Look at job services: the register of unemployed people and those hard to place, job notices, training and "
             "referrals, how many found work, and whether every household with no one in work is helped out of it."),
            levels(
                ("台账清楚、每户有帮扶人；定期发布岗位信息、组织培训推荐；再就业人数达到或超过目标，零就业家庭保持动态清零。",
                 "A clear register with a helper for each household; regular job notices, training and referrals; re-employment "
                 "at or above target; no household left with no one in work."),
                ("台账完整，就业服务较经常，再就业目标完成90%以上。",
                 "A complete register, fairly regular services, over 90 % of the re-employment target met."),
                ("台账不全，服务不经常，再就业目标完成70%–90%，个别零就业家庭未解决。",
                 "An incomplete register, occasional services, 70–90 % of the target; a household with no one in work still unhelped."),
                ("没有台账，就业服务基本未开展，目标完成不足70%。",
                 "No register, hardly any job services, under 70 % of the target."))),
        ind("community-disputes", ("化解矛盾纠纷", "Settling disputes"),
            ("看矛盾纠纷排查化解：邻里、物业、拆迁等纠纷的排查台账、调解记录和调解成功率，信访情况，党员调解员和居民议事会的作用。",
             "Look at finding and settling disputes: the log of neighbour, property-management and relocation disputes, "
             "mediation records and success rate, petitions, and the part played by member mediators and the residents' council."),
            levels(
                ("每月排查，调解成功率95%以上，纠纷不出社区；没有越级上访；党员调解员骨干作用明显。",
                 "Monthly checks, over 95 % mediated successfully within the community; no petitions over the local level; member mediators clearly lead."),
                ("排查较经常，调解成功率85%–95%，信访能及时化解。",
                 "Fairly frequent checks, 85–95 % mediated; petitions are resolved promptly."),
                ("排查不定期，调解成功率70%–85%，物业等矛盾反复出现。",
                 "Irregular checks, 70–85 % mediated; property-management disputes keep coming back."),
                ("矛盾积压，出现越级集体上访或激烈冲突。",
                 "Disputes pile up; a group petition over the local level or open conflict."))),
        ind("community-convenience", ("便民服务", "Convenience services"),
            ("看社区便民服务：服务站（一站式大厅）开放时间和事项清单，“便民卡”入户情况，代办事项和办结率，对老人、残疾人、困难家庭的上门服务记录，居民满意度。",
             "Look at convenience services: opening hours and service list of the one-stop centre, convenience cards delivered "
             "to households, errands handled and completion rate, home visits to the elderly, disabled and families in difficulty, and residents' satisfaction."),
            levels(
                ("服务事项清单公开、一站式办理，便民卡入户；办结率95%以上；上门服务经常，居民满意度高。",
                 "Published service list and one-stop handling, convenience cards in every household; over 95 % completed; "
                 "frequent home visits; residents highly satisfied."),
                ("便民服务运转正常，办结率85%–95%，上门服务较经常。",
                 "Services run normally, 85–95 % completed, home visits fairly frequent."),
                ("服务时间不稳定、事项不全，办结率70%–85%，上门服务少。",
                 "Unreliable hours, an incomplete list, 70–85 % completed, few home visits."),
                ("服务站常常没人，居民办事难，投诉较多。",
                 "The centre is often unstaffed; residents struggle to get things done and complain often."))),
    ],
    "layout": {
        "leadership": [("leadership-policy", 5), ("leadership-unity", 5), ("leadership-pragmatic", 5), ("leadership-integrity", 5)],
        "members": [("members-quality", 4), ("members-awareness", 4), ("members-vanguard", 5), ("community-contact-card", 4), ("members-management", 3)],
        "mechanism": [("mechanism-rules", 4), ("mechanism-meetings", 4), ("mechanism-dues", 2), ("community-building-branch", 5), ("mechanism-commitment", 5)],
        "performance": [("performance-tasks", 5), ("community-employment", 5), ("community-disputes", 5), ("performance-innovation", 5)],
        "reputation": [("reputation-prestige", 5), ("reputation-image", 5), ("reputation-ties", 5), ("community-convenience", 5)],
    },
}

TYPES["soe"] = {
    "name": t("国有企业", "state-owned enterprise"),
    "focus": t("把建设经营管理者、人才、党员、职工四支队伍和增强国有经济活力、控制力、影响力贯穿始终，以“共产党员工程”为载体，深化“四好”领导班子、“四强”党组织创建，参与决策、带头执行、有效监督",
               "building the four workforces (managers, professionals, members, workers) and the vitality, control and "
               "influence of the state economy, through the “Party members' project” and the “four-good team / four-strong "
               "organisation” drive, with the organisation taking part in decisions, leading in carrying them out and overseeing effectively"),
    "indicators": [
        ind("soe-decision", ("参与重大决策", "Taking part in major decisions"),
            ("看党组织参与本单位重大问题决策：“三重一大”事项（重大决策、重要人事任免、重大项目安排、大额资金使用）是否先经党组织研究讨论再由经理层或董事会决定，议题清单、会议纪要和党组织意见的采纳情况。",
             "Look at the organisation's part in major decisions: whether the “three majors and one large” matters (major "
             "decisions, key appointments, major projects, large sums) are discussed by the Party organisation before "
             "management or the board decide, with the agenda list, minutes and how its views were taken up."),
            levels(
                ("“三重一大”事项全部经党组织前置研究，纪要完整，党组织意见在决策中得到体现。",
                 "Every such matter went to the Party organisation first, with full minutes; its views show in the decisions."),
                ("重大事项基本经党组织研究，个别事项事后通报；纪要较完整。",
                 "Major matters mostly went to the organisation first, one reported afterwards; minutes fairly complete."),
                ("党组织只参与部分重大事项，多为事后知情，意见作用有限。",
                 "The organisation sees only some major matters, mostly after the fact, and its views count for little."),
                ("党组织基本不参与重大决策，没有议题记录。",
                 "The organisation plays almost no part in major decisions; no agenda records.")),
            INTERNAL),
        ind("soe-execution", ("带头执行", "Leading in carrying out decisions"),
            ("看班子成员带头落实企业决策和生产经营任务：重点任务分解到班子成员的清单和完成节点，班子成员在一线和攻坚现场的记录。",
             "Look at team members leading the execution of company decisions and production targets: the list of key tasks "
             "assigned to each team member with milestones, and records of team members on the shop floor and at hard jobs."),
            levels(
                ("企业决策部署分解到人、按节点完成；班子成员带头攻坚，在重点项目和现场有记录可查。",
                 "Decisions are broken down to named people and finished on schedule; team members lead hard jobs and their "
                 "presence on key projects and sites is on record."),
                ("决策部署能够落实，个别节点滞后；班子成员较常到一线。",
                 "Decisions are carried out, with one or two milestones late; team members are often on the front line."),
                ("落实不够有力，多项任务延期；班子成员较少下一线。",
                 "Execution is weak and several tasks are late; team members seldom go to the front line."),
                ("决策落实打折扣或推诿扯皮，班子成员不作为。",
                 "Decisions are watered down or passed around; team members do nothing."))),
        ind("soe-party-project", ("共产党员工程", "Party members' project"),
            ("看“共产党员工程”和“支部一面旗、党员一盏灯”的落实：党员示范岗、党员责任区、党员攻关项目的数量和成果（降本增效、技术革新、安全生产数据），“四优”共产党员评选。",
             "Look at the “Party members' project” (“each branch a banner, each member a lamp”): the number of model posts, "
             "areas of responsibility and member-led improvement projects and what they achieved (cost savings, technical "
             "innovations, safety figures), and selection of “four-excellent” members."),
            levels(
                ("大多数党员承担示范岗、责任区或攻关项目，成果有数据（节约成本、革新成果等）；有“四优”共产党员等典型。",
                 "Most members hold a model post, an area of responsibility or an improvement project, with results in figures "
                 "(costs saved, innovations); there are “four-excellent” members or similar examples."),
                ("项目和岗区覆盖多数党员，取得一定可量化成果。",
                 "Projects and posts cover most members, with some measurable results."),
                ("挂牌多、实际作用少，成果难以量化。",
                 "Many signs, little effect; results hard to measure."),
                ("没有开展或名存实亡，党员在生产经营中没有突出表现。",
                 "Not done, or in name only; members do not stand out in production."))),
        ind("soe-four-teams", ("四支队伍建设", "Building the four workforces"),
            ("看经营管理者、专业技术人才、党员、职工四支队伍建设：“把骨干培养成党员、把党员培养成骨干”的人数，职工培训和技能等级提升，骨干人才流失情况。",
             "Look at the four workforces (managers, professionals, members, workers): how many mainstays became members and "
             "members became mainstays, staff training and skill-grade upgrades, and loss of key people."),
            levels(
                ("有“双培养”计划并完成，半年内有骨干入党或党员走上关键岗位；职工培训覆盖面广，技能等级提升有数据。",
                 "A plan for developing mainstays and members, fulfilled: in the half-year mainstays joined the Party or members "
                 "took key posts; training reaches most staff and skill upgrades are documented."),
                ("开展了“双培养”和职工培训，有一定成果。",
                 "Development of mainstays and members and staff training are under way with some results."),
                ("队伍建设缺少计划，培养工作零散，骨干流失较多。",
                 "No plan for the workforces, scattered training, many key people leaving."),
                ("队伍建设无人抓，骨干青黄不接。",
                 "No one looks after the workforces; no one is ready to replace key people."))),
        ind("soe-supervision", ("有效监督", "Effective oversight"),
            ("看党组织对经营管理和廉洁从业的监督：对“三重一大”执行、招投标、物资采购、资金使用的监督检查记录，厂务公开，廉洁风险点排查及问题整改。",
             "Look at the organisation's oversight of management and integrity: inspection records on the “three majors and "
             "one large”, tendering, procurement and use of funds, disclosure of company affairs to staff, and the review of "
             "integrity risks and correction of problems found."),
            levels(
                ("监督检查有计划、有记录，重点领域每半年至少检查一次，发现的问题全部整改；厂务公开按时，职工可查询。",
                 "Oversight is planned and recorded, each key area checked at least every half-year, every problem found "
                 "corrected; company affairs disclosed on time where staff can see them."),
                ("监督检查较经常，问题大多已整改，厂务公开基本到位。",
                 "Fairly frequent checks, most problems corrected, disclosure mostly in place."),
                ("监督检查不定期、以听汇报为主，整改不彻底，厂务公开流于形式。",
                 "Irregular checks, mostly listening to reports; corrections incomplete; disclosure a formality."),
                ("监督缺位，重点领域问题频出而未被发现或未整改。",
                 "No oversight; problems in key areas recur unnoticed or uncorrected.")),
            INTERNAL),
        ind("soe-business-results", ("生产经营业绩", "Business results"),
            ("看国有经济活力和效益：产值、营业收入、利润、国有资产保值增值率，安全生产和质量指标的完成情况，以统计和财务报表为准。",
             "Look at the vitality and returns of the state enterprise: output, revenue, profit, preservation and growth of "
             "state assets, safety and quality targets, from statistical and financial reports."),
            levels(
                ("主要经营指标全面完成或超额完成，国有资产保值增值，安全质量零事故。",
                 "All main business targets met or exceeded, state assets preserved and grown, no safety or quality incident."),
                ("主要指标完成90%–100%，安全质量平稳。",
                 "Main targets 90–100 % met; safety and quality steady."),
                ("主要指标完成75%–90%，有较明显的短板。",
                 "Main targets 75–90 % met, with a clear weak spot."),
                ("主要指标完成不足75%，或亏损扩大。",
                 "Main targets under 75 % met, or growing losses."))),
    ],
    "layout": {
        "leadership": [("leadership-policy", 4), ("leadership-unity", 4), ("soe-decision", 4), ("soe-execution", 4), ("leadership-integrity", 4)],
        "members": [("members-quality", 4), ("members-awareness", 4), ("soe-party-project", 6), ("soe-four-teams", 3), ("members-management", 3)],
        "mechanism": [("mechanism-rules", 4), ("mechanism-meetings", 4), ("mechanism-dues", 2), ("soe-supervision", 5), ("mechanism-commitment", 5)],
        "performance": [("soe-business-results", 6), ("performance-service-centre", 5), ("performance-harmony", 5), ("performance-innovation", 4)],
        "reputation": [("reputation-prestige", 5), ("reputation-image", 5), ("reputation-ties", 5), ("reputation-service", 5)],
    },
    "bonus": [
        {"id": "soe-four-good", "title": t("获评上级“四好”领导班子或“四强”党组织",
                                           "Named a “four-good” leadership team or “four-strong” Party organisation"), "points": 2},
    ],
}

TYPES["government"] = {
    "name": t("机关", "government office"),
    "focus": t("把服务中心、建设队伍贯穿始终，建设一流队伍、培养一流作风、创造一流业绩，真情服务基层、优化发展环境，接受“千人评议机关”，讲党性、重品行、作表率，改进作风、提高效能",
               "serving the central work and building the team (first-rate staff, style and results), serving the grassroots "
               "and improving the business environment, public review of government offices, and members who show Party "
               "spirit, good conduct and set an example, with better work style and efficiency"),
    "indicators": [
        ind("gov-party-spirit", ("讲党性重品行作表率", "Party spirit, conduct and example"),
            ("看机关党员干部的党性和品行：遵守政治纪律和工作纪律情况（考勤、明察暗访），八小时以外的表现，在职党员到社区报到服务，个人有关事项报告和廉洁提醒记录。",
             "Look at office members' Party spirit and conduct: political and work discipline (attendance, inspections), "
             "conduct outside working hours, working members registering and serving in their residential community, and "
             "personal-matter reports and integrity reminders."),
            levels(
                ("党员干部纪律严明、品行端正，没有违规记录；在职党员全部到社区报到并参加服务，群众评价高。",
                 "Strict discipline and upright conduct, no breach on record; every working member registered and serves in the community, well regarded there."),
                ("总体表现较好，个别人有轻微违反工作纪律的现象已纠正。",
                 "Good on the whole; a minor lapse in work discipline by one or two, corrected."),
                ("迟到早退、上班办私事等现象时有发生，社区服务参与不多。",
                 "Lateness, leaving early or private business at work happen now and then; little community service."),
                ("纪律松散，有党员干部品行不端被反映并查实。",
                 "Lax discipline; misconduct by a member was reported and substantiated."))),
        ind("gov-efficiency", ("作风与效能", "Work style and efficiency"),
            ("看改进机关作风、提高效能的制度执行：首问负责、限时办结、服务承诺等制度落实，办件按时办结率，文件和会议精简情况，效能投诉和明察暗访结果。",
             "Look at rules for a better work style and efficiency: first-contact responsibility, time limits and service "
             "pledges in practice, the share of cases finished on time, fewer documents and meetings, efficiency complaints and inspection findings."),
            levels(
                ("效能制度全部落实，办件按时办结率98%以上，没有效能投诉，明察暗访没有发现问题。",
                 "All efficiency rules applied, over 98 % of cases finished on time, no efficiency complaints, inspections found nothing."),
                ("按时办结率95%–98%，偶有效能投诉经查已整改。",
                 "95–98 % on time; the odd efficiency complaint, investigated and corrected."),
                ("按时办结率90%–95%，有推诿拖延被投诉或在暗访中被指出。",
                 "90–95 % on time; complaints or inspections found buck-passing or delay."),
                ("按时办结率低于90%，“门难进、脸难看、事难办”问题突出。",
                 "Under 90 % on time; the public finds doors closed, faces cold and things impossible to get done."))),
        ind("gov-serve-centre", ("服务中心工作", "Serving the central work"),
            ("看机关党组织围绕本部门中心工作发挥作用：党建与业务同部署，党员在重点工作、专项任务中攻坚的事例，创建“一流队伍、一流作风、一流业绩”的措施和成效。",
             "Look at the office organisation's part in the department's central work: Party work planned with the business, "
             "cases of members tackling key and special tasks, and the measures and results of the “first-rate staff, style and results” drive."),
            levels(
                ("党建与业务同部署同考核，重点工作有党员先锋队攻坚，成效受到上级肯定。",
                 "Party work and business planned and appraised together; member vanguard teams tackle key work with results praised from above."),
                ("结合较紧，重点工作中党员作用明显。",
                 "Fairly closely tied; members clearly contribute to key work."),
                ("党建与业务结合不紧，党员作用一般。",
                 "Loosely tied; members contribute little beyond routine."),
                ("党建与业务“两张皮”，中心工作中看不到党组织的作用。",
                 "Party work and business on separate tracks; the organisation plays no visible part in the central work."))),
        ind("gov-serve-grassroots", ("服务基层优化环境", "Serving the grassroots"),
            ("看“真情服务基层、优化发展环境”：党员干部下基层调研和联系点工作的次数，为基层和企业解决问题的清单和办结情况，审批事项精简和办理时限压缩。",
             "Look at serving the grassroots and improving the business environment: how often members and officials go down "
             "to the grassroots and their contact points, the list of problems solved for localities and firms, and approvals simplified and sped up."),
            levels(
                ("党员干部定期下基层，问题清单办结率95%以上，审批提速有数据，基层和企业评价好。",
                 "Regular visits to the grassroots, over 95 % of listed problems solved, faster approvals shown in figures, good feedback from localities and firms."),
                ("下基层较经常，问题办结率85%–95%。",
                 "Fairly regular visits, 85–95 % of problems solved."),
                ("下基层少，问题办结率70%–85%，基层反映办事慢。",
                 "Few visits, 70–85 % solved; localities complain of slowness."),
                ("很少下基层，基层反映的问题久拖不决。",
                 "Hardly any visits; problems raised by localities drag on unsolved."))),
        ind("gov-public-review", ("千人评议机关结果", "Public review of offices"),
            ("以本期“千人评议机关”（或同类社会评议）公布的结果为准：满意率和在同类机关中的排名。",
             "Take the published result of this period's “thousand-person review of government offices” (or a similar public "
             "review): the satisfaction rate and the rank among comparable offices."),
            levels(
                ("满意率95%以上，排名在同类机关前三分之一。",
                 "Over 95 % satisfied, in the top third of comparable offices."),
                ("满意率90%–95%，排名中上。",
                 "90–95 % satisfied, upper middle."),
                ("满意率80%–90%，排名中下。",
                 "80–90 % satisfied, lower middle."),
                ("满意率低于80%，或排名靠后被通报。",
                 "Under 80 % satisfied, or ranked near the bottom and named in a notice.")),
            ["superior"]),
    ],
    "layout": {
        "leadership": [("leadership-policy", 5), ("leadership-unity", 5), ("leadership-pragmatic", 5), ("leadership-integrity", 5)],
        "members": [("members-quality", 5), ("gov-party-spirit", 5), ("members-vanguard", 6), ("members-management", 4)],
        "mechanism": [("mechanism-rules", 4), ("mechanism-meetings", 4), ("mechanism-dues", 2), ("gov-efficiency", 5), ("mechanism-commitment", 5)],
        "performance": [("performance-tasks", 5), ("gov-serve-centre", 5), ("gov-serve-grassroots", 6), ("performance-innovation", 4)],
        "reputation": [("gov-public-review", 5), ("reputation-image", 5), ("reputation-ties", 5), ("reputation-service", 5)],
    },
}

TYPES["university"] = {
    "name": t("高等学校", "university"),
    "focus": t("把全面贯彻党的教育方针、培养社会主义建设者和接班人贯穿始终，培养一流人才、创造一流科研成果、提供一流社会服务，抓党建、促三风，搞好教书育人",
               "carrying out the Party's education policy and educating builders and successors of socialism, first-rate "
               "graduates, research and service to society, better campus, teaching and study ethos, and good teaching"),
    "indicators": [
        ind("uni-education-policy", ("贯彻党的教育方针", "Carrying out education policy"),
            ("看班子学习贯彻党的路线方针政策和教育方针：集体学习记录，立德树人的具体措施（课程思政、学生思想政治教育安排），落实上级教育工作部署的情况。",
             "Look at the team studying and applying the Party's line, policies and education policy: joint study records, "
             "concrete measures for moral education (ideological content in courses, political education for students), and "
             "how education instructions from above were carried out."),
            levels(
                ("每月集体学习；教育方针有具体落实措施，课程思政覆盖全部课程，学生思想政治工作有计划、有记录；上级部署全部落实。",
                 "Monthly joint study; concrete measures for the education policy, ideological content in every course, "
                 "planned and recorded political education for students; all instructions from above carried out."),
                ("学习较经常，措施较具体，个别部署落实稍有滞后。",
                 "Fairly regular study and concrete measures; one or two instructions carried out a little late."),
                ("学习不经常，立德树人停留在口号，措施少。",
                 "Irregular study; moral education mostly slogans, few measures."),
                ("基本不学习，教育方针落实缺位，课堂出现错误言论未处置。",
                 "Hardly any study; the education policy is not applied; wrong statements in class went unaddressed."))),
        ind("uni-three-styles", ("三风建设", "Campus, teaching and study ethos"),
            ("看“抓党建、促三风”：党员教师的师德师风（教学事故、学术不端、师德投诉记录）和教风示范（听课评教结果），学生党员的学风带头（成绩、挂科率、考风考纪）。",
             "Look at Party work lifting the campus, teaching and study ethos: member teachers' professional ethics (teaching "
             "incidents, academic misconduct, ethics complaints) and teaching example (peer and student evaluations), and "
             "student members' example in study (grades, failed courses, exam discipline)."),
            levels(
                ("党员教师没有教学事故和师德问题，评教优良率高；学生党员成绩和考风明显好于平均，没有违纪。",
                 "No teaching incident or ethics issue among member teachers, high evaluation scores; student members clearly "
                 "above average in grades and exam conduct, with no breach."),
                ("总体良好，个别问题已及时处理。",
                 "Good on the whole; a minor issue dealt with promptly."),
                ("有党员教师评教偏低或学生党员挂科，三风建设措施少。",
                 "Some member teachers evaluated poorly or student members failing courses; few measures for the ethos."),
                ("出现学术不端、师德失范或学生党员考试违纪。",
                 "Academic misconduct, an ethics breach, or exam cheating by a student member."))),
        ind("uni-teaching", ("教书育人", "Teaching and educating students"),
            ("看人才培养质量：教学任务完成和教学质量评价，学生思想政治教育和日常管理，学生获奖、毕业生就业率等数据，教育教学改革项目。",
             "Look at the quality of education: teaching load delivered and quality evaluations, students' political education "
             "and day-to-day guidance, student awards and graduate employment, and teaching-reform projects."),
            levels(
                ("教学任务全面完成，评教优良；就业率和学生获奖居学校前列；有教改项目和成果。",
                 "All teaching delivered and well evaluated; graduate employment and student awards among the best in the "
                 "university; teaching-reform projects with results."),
                ("教学质量较好，就业率等达到学校目标。",
                 "Good teaching quality; employment and similar figures meet the university's targets."),
                ("教学质量一般，部分指标低于学校平均。",
                 "Ordinary teaching quality; some figures below the university average."),
                ("发生教学事故或学生管理问题突出，主要指标明显落后。",
                 "A teaching incident or serious student-management problems; main figures clearly behind."))),
        ind("uni-research-service", ("科研与社会服务", "Research and service to society"),
            ("看科研和社会服务成果：纵向、横向科研项目和经费，论文、专利等成果，成果转化和服务地方、企业的项目，党员在科研团队中的骨干作用。",
             "Look at research and service: government-funded and commissioned projects and their funding, papers, patents and "
             "other outputs, technology transfer and projects serving the locality and firms, and members' leading role in research teams."),
            levels(
                ("项目经费和成果达到或超过目标，有成果转化或服务地方的实际项目，党员是团队骨干。",
                 "Projects, funding and outputs at or above target; real technology transfer or local service projects; members lead the teams."),
                ("科研目标基本完成，有一定社会服务。",
                 "Research targets mostly met, with some service to society."),
                ("科研成果少于目标，社会服务零散。",
                 "Research output below target; service to society scattered."),
                ("科研停滞，没有社会服务。",
                 "Research has stalled; no service to society."))),
        ind("uni-satisfaction", ("师生满意度", "Satisfaction of staff and students"),
            ("看师生和社会对党组织的认可：师生满意度测评结果，学生评议和座谈会意见，家长和用人单位反馈。",
             "Look at how staff, students and society regard the organisation: satisfaction survey results, student appraisal "
             "and forum comments, feedback from parents and employers."),
            levels(
                ("满意率90%以上，座谈意见以肯定为主，用人单位反馈好。",
                 "Over 90 % satisfied; forum comments mostly positive; employers give good feedback."),
                ("满意率80%–90%，意见以建设性建议为主。",
                 "80–90 % satisfied; comments mostly constructive suggestions."),
                ("满意率60%–80%，师生意见较多。",
                 "60–80 % satisfied; many complaints from staff and students."),
                ("满意率低于60%，师生不满集中。",
                 "Under 60 % satisfied; widespread discontent."))),
    ],
    "layout": {
        "leadership": [("uni-education-policy", 5), ("leadership-unity", 5), ("leadership-pragmatic", 5), ("leadership-integrity", 5)],
        "members": [("members-quality", 4), ("members-awareness", 4), ("members-vanguard", 4), ("uni-three-styles", 5), ("members-management", 3)],
        "mechanism": [("mechanism-rules", 5), ("mechanism-meetings", 4), ("mechanism-dues", 2), ("mechanism-measures", 4), ("mechanism-commitment", 5)],
        "performance": [("performance-tasks", 4), ("uni-teaching", 6), ("uni-research-service", 5), ("performance-innovation", 5)],
        "reputation": [("uni-satisfaction", 5), ("reputation-image", 5), ("reputation-ties", 5), ("reputation-service", 5)],
    },
}

TYPES["institution"] = {
    "name": t("事业单位", "public institution"),
    "focus": t("（科研、文化、卫生、体育、中等职业学校和中小学校等）把做好思想政治工作、促进事业发展贯穿始终，服务发展、服务群众、服务社会，开展党、工、团共建，提高工作质量和服务水平，解决群众反映强烈的突出问题",
               "(research, culture, health, sport, vocational and primary and secondary schools …): ideological and political "
               "work and the development of the institution's work, serving development, the public and society, joint work "
               "of the Party, trade union and youth league, better quality and service, and fixing the problems the public feel most strongly about"),
    "indicators": [
        ind("inst-ideological", ("思想政治工作", "Ideological and political work"),
            ("看对职工的思想政治工作：职工思想动态分析（每季度），谈心谈话记录和覆盖面，职业道德教育（医德医风、师德师风等），先进典型宣传。",
             "Look at ideological work among staff: quarterly analysis of staff opinion, heart-to-heart talks and how many they "
             "reach, professional-ethics education (medical ethics, teaching ethics …), and publicising good examples."),
            levels(
                ("每季度分析职工思想动态，谈心谈话覆盖全体职工，职业道德教育经常且有成效，职工队伍稳定。",
                 "Staff opinion analysed every quarter, talks reach every employee, ethics education is frequent and effective, the staff is stable."),
                ("思想动态分析和谈心谈话较经常，覆盖大多数职工。",
                 "Opinion analysis and talks are fairly regular and reach most staff."),
                ("思想工作不经常，谈心谈话少，职业道德问题时有发生。",
                 "Irregular ideological work, few talks, ethics problems now and then."),
                ("思想政治工作缺位，职工思想问题积累。",
                 "No ideological work; staff grievances pile up."))),
        ind("inst-joint-building", ("党工团共建", "Party, union and youth league together"),
            ("看党组织带动工会、共青团、妇联等群团组织：共建计划，联合活动的次数和参与面，群团组织创先进集体、争当先进个人的情况。",
             "Look at the organisation leading the trade union, youth league and women's federation: the joint plan, joint "
             "activities and how many take part, and the mass organisations' own drive for model groups and individuals."),
            levels(
                ("有共建计划，半年联合活动三次以上，职工参与面广；群团组织活跃，有先进集体或个人。",
                 "A joint plan and at least three joint activities in the half-year with wide staff participation; the mass "
                 "organisations are active and have model groups or individuals."),
                ("共建活动较经常，参与面较广。",
                 "Fairly frequent joint activities with fairly wide participation."),
                ("共建活动少，群团组织活动不正常。",
                 "Few joint activities; the mass organisations meet irregularly."),
                ("没有共建，群团组织基本不活动。",
                 "No joint work; the mass organisations are dormant."))),
        ind("inst-development", ("事业发展", "Development of the institution"),
            ("看本单位事业发展指标：按行业看业务量和质量（诊疗人次、教学质量、科研项目、演出展览、赛事服务等），年度目标完成率，主管部门考核结果。",
             "Look at the institution's development: volume and quality of its work by sector (patient visits, teaching "
             "quality, research projects, performances and exhibitions, sports services …), completion of annual targets, and "
             "the supervising department's appraisal."),
            levels(
                ("事业发展主要指标全部完成，主管部门考核优秀，有新的发展成果。",
                 "All main development targets met, rated excellent by the supervising department, with new achievements."),
                ("主要指标完成90%以上，考核良好。",
                 "Over 90 % of main targets met, rated good."),
                ("主要指标完成75%–90%，考核一般。",
                 "75–90 % of main targets met, rated average."),
                ("完成不足75%，事业发展停滞。",
                 "Under 75 % met; development has stalled."))),
        ind("inst-service-quality", ("服务质量与水平", "Quality of service"),
            ("看工作质量和服务水平：服务规范和流程，差错事故（医疗差错、教学事故等），服务对象满意度调查，服务时限和便民措施。",
             "Look at quality of work and service: service standards and procedures, errors and incidents (medical errors, "
             "teaching incidents …), satisfaction surveys of the people served, waiting times and conveniences."),
            levels(
                ("服务流程规范，没有差错事故，服务对象满意度95%以上，有便民新举措。",
                 "Standard procedures, no errors or incidents, over 95 % of people served satisfied, new conveniences introduced."),
                ("服务规范，偶有小差错及时纠正，满意度90%–95%。",
                 "Standard service, the odd small error corrected promptly, 90–95 % satisfied."),
                ("服务不够规范，有被投诉的差错，满意度80%–90%。",
                 "Service not quite to standard, errors that drew complaints, 80–90 % satisfied."),
                ("发生较大差错事故或投诉集中，满意度低于80%。",
                 "A serious error or incident, or a cluster of complaints; under 80 % satisfied."))),
        ind("inst-hot-issues", ("解决群众反映强烈的问题", "Fixing what the public complain of most"),
            ("看对群众反映强烈的突出问题的整改：问题征集（意见箱、座谈、热线、评议）形成的清单，逐项整改的责任人和时限，整改完成率和向群众的反馈。",
             "Look at fixing the problems the public feel most strongly about: the list gathered from suggestion boxes, forums, "
             "hotlines and appraisals, a person and deadline for each, the completion rate and the report back to the public."),
            levels(
                ("征集的问题形成清单并公开，半年整改完成率90%以上，整改结果向群众反馈，同类问题不再反复。",
                 "Problems gathered into a published list, over 90 % fixed in the half-year, results reported back, the same problems do not return."),
                ("整改完成率75%–90%，大多有反馈。",
                 "75–90 % fixed, most reported back."),
                ("整改完成率50%–75%，部分问题反复出现。",
                 "50–75 % fixed; some problems keep coming back."),
                ("不征集或不整改，群众反映强烈的问题长期存在。",
                 "No gathering or no fixing; the problems people complain of most persist."))),
    ],
    "layout": {
        "leadership": [("leadership-policy", 5), ("leadership-unity", 5), ("leadership-pragmatic", 5), ("leadership-integrity", 5)],
        "members": [("members-quality", 4), ("members-awareness", 4), ("members-vanguard", 5), ("inst-ideological", 4), ("members-management", 3)],
        "mechanism": [("mechanism-rules", 4), ("mechanism-meetings", 4), ("mechanism-dues", 2), ("inst-joint-building", 5), ("mechanism-commitment", 5)],
        "performance": [("inst-development", 6), ("inst-service-quality", 6), ("performance-harmony", 4), ("performance-innovation", 4)],
        "reputation": [("reputation-prestige", 5), ("reputation-image", 5), ("reputation-ties", 5), ("inst-hot-issues", 5)],
    },
}

TYPES["nonpublic"] = {
    "name": t("非公有制经济组织和社会组织", "non-public firm or social organisation"),
    "focus": t("把贯彻党的路线方针政策、引导和监督遵守国家法律法规、团结凝聚职工群众、维护各方合法权益、促进健康发展贯穿始终，开展“为企业（社会组织）作贡献、为群众送温暖、为党旗添光彩”活动，引导党员立足岗位发挥作用",
               "carrying out the Party's line and policies, guiding and overseeing compliance with the law, bringing "
               "employees together, protecting everyone's lawful rights and sound development, through “contribute to the "
               "firm, bring warmth to people, bring honour to the Party flag”, with members making a difference in their jobs"),
    "indicators": [
        ind("nonpub-post-role", ("立足岗位发挥作用", "Members making a difference at work"),
            ("看党员在企业（社会组织）岗位上的作用：党员在示范岗、技术能手、业务骨干中的比例，党员亮身份和岗位业绩，在急难任务中的表现，出资人或负责人对党员的评价。",
             "Look at members' role in their jobs in the firm (organisation): the share of members among model posts, skilled "
             "workers and mainstays, members identifying themselves and their job results, conduct in urgent tasks, and what the owner or head thinks of them."),
            levels(
                ("党员大多是岗位骨干或技术能手，示范岗有实绩，出资人（负责人）对党员作用评价高。",
                 "Most members are mainstays or skilled workers, model posts show real results, the owner (head) rates members highly."),
                ("多数党员表现较好，有一定示范作用。",
                 "Most members do well and set some example."),
                ("党员作用与普通职工差别不大。",
                 "Members do little more than other employees."),
                ("党员不亮身份、不起作用，甚至表现落后。",
                 "Members do not identify themselves or contribute, some lag behind."))),
        ind("nonpub-healthy-development", ("促进健康发展", "Sound development of the firm"),
            ("看“为企业（社会组织）作贡献”：党组织围绕生产经营或业务开展的活动（合理化建议、技术攻关、质量提升）及其采纳情况和效益，企业（组织）经营或服务指标的完成情况。",
             "Look at “contributing to the firm (organisation)”: activities the organisation ran around the business "
             "(suggestions, technical fixes, quality improvement), how many were adopted and what they yielded, and whether "
             "the firm's business or service targets were met."),
            levels(
                ("党组织活动与经营紧密结合，合理化建议和攻关项目被采纳并有可核算的效益，企业经营指标完成良好。",
                 "Party activities are bound up with the business; suggestions and projects adopted with measurable benefit; business targets well met."),
                ("结合较紧，有一定效益。",
                 "Fairly closely tied, with some benefit."),
                ("活动与经营结合不紧，作用不明显。",
                 "Activities loosely tied to the business; little visible effect."),
                ("党组织游离于企业经营之外。",
                 "The organisation stands apart from the business."))),
        ind("nonpub-law-compliance", ("引导依法经营", "Guiding lawful operation"),
            ("看引导和监督遵守国家法律法规：依法纳税、安全生产、环境保护、产品质量和劳动法规的执行情况，党组织向出资人提出建议及采纳记录，行政处罚记录。",
             "Look at guiding and overseeing compliance with the law: tax, work safety, environmental protection, product "
             "quality and labour law in practice, recommendations the organisation made to the owner and whether they were taken, and any administrative penalties."),
            levels(
                ("半年内没有行政处罚和违法记录，党组织就依法经营提出建议并被采纳，合规培训覆盖员工。",
                 "No penalty or breach of law in the half-year; the organisation's recommendations on compliance were taken up; compliance training reached the staff."),
                ("没有重大违法，偶有轻微违规已整改。",
                 "No serious breach; the odd minor irregularity, corrected."),
                ("有行政处罚或违规被查处，党组织引导监督作用不明显。",
                 "A penalty or an irregularity was found; the organisation's guidance and oversight are not visible."),
                ("违法经营问题突出，党组织没有发挥引导监督作用。",
                 "Serious unlawful practices; the organisation does nothing to guide or oversee."))),
        ind("nonpub-rights", ("维护各方合法权益", "Protecting lawful rights"),
            ("看维护出资人、职工等各方合法权益：劳动合同签订率，工资按时足额发放，社会保险参保率，集体协商和劳动争议调处情况。",
             "Look at protecting the lawful rights of owners, employees and others: labour-contract coverage, wages paid on "
             "time and in full, social-insurance coverage, collective bargaining and how labour disputes are settled."),
            levels(
                ("劳动合同签订率和社保参保率100%，工资没有拖欠，建立了集体协商，劳动争议都在企业内化解。",
                 "Full labour-contract and social-insurance coverage, no wage arrears, collective bargaining in place, every labour dispute settled within the firm."),
                ("签订率和参保率95%以上，没有拖欠工资，争议能及时调处。",
                 "Over 95 % coverage, no wage arrears, disputes settled promptly."),
                ("签订率或参保率90%–95%，偶有工资延迟发放，争议调处不及时。",
                 "90–95 % coverage, wages occasionally late, disputes settled slowly."),
                ("签订率或参保率低于90%，或拖欠工资、劳动争议激化。",
                 "Under 90 % coverage, or wage arrears and sharpening labour disputes."))),
        ind("nonpub-unite-workers", ("团结凝聚职工", "Bringing employees together"),
            ("看“为群众送温暖”和凝聚职工：困难职工建档和走访慰问，职工文体活动，职工意见收集和反馈，职工流失率变化，党组织在职工中的号召力。",
             "Look at bringing warmth to people and holding the staff together: records of and visits to employees in "
             "difficulty, staff cultural and sports activities, gathering and answering staff opinions, staff turnover, and the organisation's pull among employees."),
            levels(
                ("困难职工全部建档并定期帮扶，活动经常开展，职工意见件件有回音，流失率下降。",
                 "Every employee in difficulty is on file and helped regularly, frequent activities, every staff opinion answered, turnover falling."),
                ("帮扶和活动较经常，意见大多有反馈。",
                 "Fairly frequent help and activities, most opinions answered."),
                ("帮扶和活动偶尔开展，职工对党组织了解少。",
                 "Occasional help and activities; employees know little of the organisation."),
                ("不关心职工，职工流失严重，党组织没有号召力。",
                 "No care for employees, heavy turnover, the organisation has no pull."))),
    ],
    "layout": {
        "leadership": [("leadership-policy", 5), ("leadership-unity", 5), ("leadership-pragmatic", 5), ("leadership-integrity", 5)],
        "members": [("members-quality", 5), ("members-awareness", 5), ("nonpub-post-role", 6), ("members-management", 4)],
        "mechanism": [("mechanism-rules", 5), ("mechanism-meetings", 4), ("mechanism-dues", 2), ("mechanism-measures", 4), ("mechanism-commitment", 5)],
        "performance": [("nonpub-healthy-development", 6), ("nonpub-law-compliance", 5), ("nonpub-rights", 5), ("performance-innovation", 4)],
        "reputation": [("reputation-prestige", 5), ("reputation-image", 5), ("nonpub-unite-workers", 5), ("reputation-service", 5)],
    },
}

ORDER = ["rural", "community", "soe", "government", "university", "institution", "nonpublic"]


def build(base, org_type, spec):
    fw = copy.deepcopy(base)
    general = {i["id"]: i for d in base["dimensions"] for i in d["indicators"]}
    own = {i["id"]: i for i in spec["indicators"]}
    assert not set(own) & set(general), f"{org_type}: type ids clash with general ids"
    used = set()
    dims = []
    for dim in base["dimensions"]:
        layout = spec["layout"][dim["id"]]
        inds = []
        for iid, points in layout:
            src = general.get(iid) or own.get(iid)
            assert src is not None, f"{org_type}: unknown indicator {iid}"
            item = copy.deepcopy(src)
            item["points"] = points
            inds.append(item)
            used.add(iid)
        assert 3 <= len(inds) <= 6, f"{org_type}/{dim['id']}: {len(inds)} indicators"
        assert sum(i["points"] for i in inds) == 20, f"{org_type}/{dim['id']}: points != 20"
        new_dim = copy.deepcopy(dim)
        new_dim["indicators"] = inds
        dims.append(new_dim)
    assert set(own) <= used, f"{org_type}: type indicators not placed: {set(own) - used}"

    name, focus = spec["name"], spec["focus"]
    out = {}
    for key in ["schema", "id", "version", "subject"]:
        out[key] = fw[key]
    out["id"] = f"org-five-goods-{org_type}"
    out["org_type"] = org_type
    out["title"] = t(f"「五个好」先进基层党组织（{name['zh-Hans']}）",
                     f"“Five Goods” advanced primary Party organisation ({name['en']})")
    out["description"] = t(
        f"{name['zh-Hans']}基层党组织创建先进基层党组织的评价标准，依据《关于深入开展创先争优活动的实施意见》三「五个好」和四 分类指导："
        f"{focus['zh-Hans']}。在通用「五个好」标准上加入本类型指标，五个方面各20分、共100分，由自评、上级点评、群众评议按20:40:40加权计分，另设加分、扣分和否决事项。",
        f"Criteria for an advanced primary Party organisation in a {name['en']}, from the Implementation Opinions on the "
        f"campaign to create advanced primary Party organisations and strive to be outstanding members: the “Five Goods” of "
        f"section 3 and the guidance by type of section 4 — {focus['en']}. The general Five Goods criteria plus this type's "
        f"own indicators: five dimensions of 20 points, 100 in all, rated by self-assessment, the higher-level Party "
        f"organisation and the public, weighted 20 : 40 : 40, with bonus points, deductions and vetoes.")
    out["dimensions"] = dims
    for key in ["bonus", "deductions", "vetoes", "grades", "sources"]:
        if key in fw:
            out[key] = fw[key]
    if spec.get("bonus"):
        out["bonus"]["items"] = out["bonus"]["items"] + copy.deepcopy(spec["bonus"])
    return out


def main():
    base = json.loads(BASE.read_text(encoding="utf-8"))
    assert "org_type" not in base
    written = []
    for org_type in ORDER:
        fw = build(base, org_type, TYPES[org_type])
        path = FRAMEWORKS / f"{fw['id']}.json"
        path.write_text(json.dumps(fw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(str(path))
        print("wrote", path)
    if importlib.util.find_spec("opencc") is not None:
        subprocess.run([sys.executable, str(HERE / "fill_hant.py"), *written], check=True)
    else:
        print("opencc not installed: run scripts/frameworks/fill_hant.py on the files above", file=sys.stderr)


if __name__ == "__main__":
    main()
