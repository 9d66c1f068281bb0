# blog/urls.py
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from blog import views

urlpatterns = [
    path("articles/<int:pk>/", views.article),
    path("articles/<int:pk>/remarks/", views.remark),
    path("api/articles/<int:pk>/comments", csrf_exempt(views.api_comment)),
    path("api/articles/<int:pk>/comments-async", csrf_exempt(views.api_comment_async)),
]
