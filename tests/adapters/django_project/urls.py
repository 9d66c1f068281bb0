from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from commentguard.adapters.django.service import json_response


@csrf_exempt
def post_comment(request: HttpRequest) -> JsonResponse:
    return json_response(request)


urlpatterns = [
    path("api/comments", post_comment),
    path("comments/", include("django_comments.urls")),
]
