import mimetypes
import posixpath

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from shop.exceptions import DownloadRefused
from shop.models.downloads import private_files_in_object_storage
from shop.services.downloads import download_claim


@require_safe
@never_cache
def download(request, token: str):
    """A bought file, through its signed link (shop.services.downloads).

    Streamed from the private storage, or handed to the web server with
    X-Accel-Redirect when DOWNLOAD_X_ACCEL_REDIRECT names its internal
    location; the storage path never reaches the buyer. With the files in a
    private bucket (PRIVATE_MEDIA_S3_BUCKET): a 302, once this link was
    validated and counted, to a pre-signed URL of the object that expires after
    DOWNLOAD_PRESIGNED_SECONDS (the object's key is in that URL only, never in
    a page).
    """
    try:
        product_file = download_claim(token=token)
    except DownloadRefused as error:
        return render(
            request, "shop/download_refused.html", {"message": str(error)}, status=410
        )
    extension = posixpath.splitext(product_file.file.name)[1]
    filename = f"{product_file.name}{extension}"
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = settings.DOWNLOAD_X_ACCEL_REDIRECT
    if private_files_in_object_storage():
        response = HttpResponseRedirect(
            product_file.file.storage.url(
                product_file.file.name,
                parameters={
                    "ResponseContentDisposition": content_disposition_header(
                        as_attachment=True, filename=filename
                    ),
                    "ResponseContentType": content_type,
                },
                expire=settings.DOWNLOAD_PRESIGNED_SECONDS,
            )
        )
    elif prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + product_file.file.name
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=filename
        )
    else:
        response = FileResponse(
            product_file.file.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type=content_type,
        )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
