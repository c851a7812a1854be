"""``healthlint lsp``: the language server.

Only ``server`` imports pygls; the helpers beside it (positions, edits,
policies, explain) are plain Python and tested on their own.
"""
