"""The pure rules of a case's life: no database, no clock, plain values in and out.

- :mod:`.transitions` — the state machine over :class:`~mediation_app.domain.enums.CaseStatus`,
  each move and each in-place step named by an :class:`~.actions.Action`;
- :mod:`.tracks` (四调衔接) and :mod:`.levels` (三级联动) — transfers and referrals;
- :mod:`.working_days` and :mod:`.deadlines` — the mediation period, extensions, urgency;
- :mod:`.confirmation` — the competent court and the 30-day window for judicial confirmation;
- :mod:`.payment_plan` — lump sum or instalments, and what is overdue;
- :mod:`.sms` and :mod:`.sms_length` — notice templates and how many SMS parts they cost;
- :mod:`.timeline` — a case's stored events as a readable path;
- :mod:`.reversals` — which status changes recorded in error can be reversed, and to what.

The services load and store; these modules only decide. Every refusal is a
:class:`~mediation_app.errors.WorkflowError` or :class:`~mediation_app.errors.ValidationError`
whose text is already in the user's language.
"""
