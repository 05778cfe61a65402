"""What each printed document of a case shows, as plain frozen dataclasses.

One module per document; each holds exactly the values the document prints (str, Decimal, date,
the domain enums), already chosen and checked by the services, so a renderer only lays them out
and a document can be re-rendered from its stored data byte for byte. Nothing here imports
reportlab: the renderers live in ``reports/`` (``reports.<module>.render(data) -> bytes``).

| module | document | renderer |
| --- | --- | --- |
| ``agreement`` | 调解协议书, settlement agreement | ``reports.agreement`` |
| ``intake`` | 受理登记表, intake form | ``reports.intake`` |
| ``notice`` | 权利义务告知书（诉前调解告知书）, notice of rights and duties | ``reports.notice`` |
| ``statement`` | 欠费明细表, arrears statement | ``reports.statement`` |
| ``session_record`` | 调解记录, session record | ``reports.session_record`` |
| ``confirmation`` | 司法确认申请书, joint application for judicial confirmation | ``reports.confirmation`` |
| ``followup`` | 回访记录, follow-up record | ``reports.followup`` |
| ``closing`` | 结案报告, closing report | ``reports.closing`` |
| ``case_file`` | 卷宗, the whole case file | ``reports.case_file`` |
| ``monthly`` | 月度统计报表, monthly statistics | ``reports.monthly`` |

``parties`` holds what several documents share (owners, companies, the organisation, the unit);
``canonical`` the content hash; ``verification`` the QR payload.
"""
