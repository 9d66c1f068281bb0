# mysite/urls.py
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("comments/", include("commentguard.adapters.django.comments_urls")),
    path("comments/", include("django_comments.urls")),
    path("", include("blog.urls")),
]

# The rest is the test project's own (docs/django.md shows the part above, as written).
from django.http import HttpRequest, JsonResponse  # noqa: E402 - after the docs' excerpt
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

from commentguard.adapters.django.service import json_response  # noqa: E402


@csrf_exempt
def post_comment(request: HttpRequest) -> JsonResponse:
    return json_response(request)


urlpatterns += [path("api/comments", post_comment)]
