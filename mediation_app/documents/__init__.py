"""What each printed document of a case shows, as plain frozen dataclasses.

One module per document; each holds exactly the values the document prints (str, Decimal, date,
the domain enums), already chosen and checked by the services, so a renderer only lays them out
and a document can be re-rendered from its stored data byte for byte. Nothing here imports
reportlab: the PDF ring registers a renderer for each document kind.

| module | document |
| --- | --- |
| ``agreement`` | 调解协议书, settlement agreement |
| ``intake`` | 受理登记表, intake form |
| ``notice`` | 权利义务告知书（诉前调解告知书）, notice of rights and duties |
| ``statement`` | 欠费明细表, arrears statement |
| ``session_record`` | 调解记录, session record |
| ``confirmation`` | 司法确认申请书, joint application for judicial confirmation |
| ``followup`` | 回访记录, follow-up record |
| ``closing`` | 结案报告, closing report |
| ``case_file`` | 卷宗, the whole case file |
| ``monthly`` | 月度统计报表, monthly statistics |

``parties`` holds what several documents share (owners, companies, the organisation, the unit);
``canonical`` the content hash; ``verification`` the QR payload.
"""
