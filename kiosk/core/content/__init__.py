"""Read and check content files (lessons and procedures), wording problems for volunteers.

The pieces here know nothing about lessons: a kind of content describes itself with a
``ContentKind`` (its folder depth, file names and a ``build`` function that reads its
fields through ``Section``), and ``load_content_files`` does the rest: size and encoding
checks, TOML, ``format``, ``kind`` and ``id``, duplicate ids, unknown keys, and a safety
net so that one broken file never stops the kiosk.

- ``problems``: a ``Problem`` (``FILE: step N: message``) and how values are named in it;
- ``placeholders``: the ``{{name}}`` placeholders texts may hold;
- ``images``: the checks of the pictures files point to;
- ``toml_file``: reading one file (size, encoding, TOML, invisible characters);
- ``section``: the typed getters builders read fields with;
- ``loader``: loading every file of a kind;
- ``levels``: the levels of a declared file (top, ``[[steps]]``...) and where keys belong;
- ``schema``: reading a kind's fields as its typed classes declare them.
"""
