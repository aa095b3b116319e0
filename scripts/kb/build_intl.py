def build_intl():
    pass
