"""Evidence from the tools teams already run (``handbook evidence``).

Three steps, one module each, data flowing one way:

- ``reports``: read report files (policy reports, OpenSSF Scorecard, kube-bench) into plain results;
- ``rules``: apply the checklist items' ``evidence:`` rules to those results, giving proposals;
- ``answers``: write the proposals as an answers file the self-assessment imports for review.
"""
