from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("reviews/product/<int:product_id>/", views.review_save, name="review_save"),
    path("reviews/<int:review_id>/delete/", views.review_delete_view, name="delete"),
    path("reviews/<int:review_id>/reply/", views.reply_save, name="reply_save"),
    path("reviews/<int:review_id>/report/", views.report_create, name="report"),
]
