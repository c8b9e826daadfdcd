"""The store's refusals, each a :class:`geo.errors.GeoDataError` (rendered by the CLI and the pages like the rest)."""

from __future__ import annotations

from geo.errors import GeoDataError, SchemaError, Text


class ConflictError(GeoDataError):
    """Someone wrote the same rows after the version this write was based on."""

    title = Text("Dữ liệu đã bị người khác thay đổi", "Someone else changed the data")


class PermissionDeniedError(GeoDataError):
    title = Text("Không có quyền", "Not allowed")


class LoginError(GeoDataError):
    title = Text("Đăng nhập không thành công", "Login failed")


class VersionError(GeoDataError):
    """An unknown version, or a freeze label already given to another version."""

    title = Text("Phiên bản không hợp lệ", "Invalid version")


class StoreStateError(GeoDataError):
    """The store is not ready for what was asked (not initialised, not empty for a restore, …)."""

    title = Text("Kho dữ liệu chưa sẵn sàng", "The data store is not ready")


class DeclarationError(SchemaError):
    """A table written to the store does not match its dataset's declaration (:mod:`geo.store.conform`)."""

    title = Text("Dữ liệu không khớp khai báo của bộ dữ liệu", "The rows do not match the dataset's declaration")
