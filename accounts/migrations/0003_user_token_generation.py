from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_role_help_admins"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="token_generation",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text='Raised by "log out everywhere": API tokens and site '
                "sessions made before stop working.",
            ),
        ),
    ]
