from rest_framework import serializers

# The largest id a BigAutoField holds; a larger number would overflow the
# database driver instead of simply matching nothing.
MAX_ID = 2**63 - 1


def is_valid_id(value) -> bool:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return False
    return 0 < number <= MAX_ID and not isinstance(value, bool | float)


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object by id; an id out of range is unknown, not a crash."""

    def to_internal_value(self, data):
        if not is_valid_id(data):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    """Text, and only text: DRF's CharField would take 5 as "5", which the
    schema (a string) does not allow."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        # The schema's maxLength counts what is sent; DRF would count it after
        # trimming whitespace, and let a longer text through.
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)
