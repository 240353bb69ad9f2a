// Placeholder: the self-assessment app is written in a following change.
