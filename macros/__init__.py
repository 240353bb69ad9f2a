"""The handbook engine: YAML data -> validated model -> generated pages.

mkdocs-macros imports this package (``module_name: macros`` in mkdocs.yml) and calls
``define_env``; the import of the renderers is deferred so the CLI stays light.
"""


def define_env(env):
    from macros.entry import register_macros

    register_macros(env)


def on_post_page_macros(env):
    from macros.entry import report_macro_problems

    report_macro_problems(env)
