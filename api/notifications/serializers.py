from rest_framework import serializers

from notifications.kinds import KIND_CHOICES, KINDS
from notifications.models import Notification


class NotificationOutput(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=KIND_CHOICES, read_only=True)
    url = serializers.CharField(
        read_only=True, help_text="Path on this site of what it is about."
    )

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at"]
        read_only_fields = fields


class ReadAllOutput(serializers.Serializer):
    updated = serializers.IntegerField(help_text="How many were marked read.")


class EmailPreferencesField(serializers.DictField):
    """{kind: true|false}: only known kinds, only booleans."""

    child = serializers.BooleanField()

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("not_a_dict", input_type=type(data).__name__)
        errors = {}
        for kind, value in data.items():
            if kind not in KINDS:
                errors[kind] = [f"Unknown kind. One of: {', '.join(KINDS)}."]
            elif not isinstance(value, bool):
                errors[kind] = ["Must be true or false."]
        if errors:
            raise serializers.ValidationError(errors)
        return dict(data)


class PreferencesSerializer(serializers.Serializer):
    email = EmailPreferencesField(
        help_text="E-mail on (true) or off (false) per kind; off still makes the "
        "in-site notification."
    )
