class LoginThrottled(Exception):
    """Too many failed logins for this account or from this address."""

    def __init__(self, *, retry_after: int):
        super().__init__(f"Too many failed login attempts; retry in {retry_after} s.")
        self.retry_after = retry_after
