package storage

import (
	"context"

	"badged/issuer"
)

type facultyRow struct {
	ID      string `gorm:"primaryKey"`
	Code    string
	Name    string
	Created dbTime `gorm:"column:created_at"`
}

func (facultyRow) TableName() string { return "faculties" }

func (r facultyRow) faculty() issuer.Faculty {
	return issuer.Faculty{ID: r.ID, Code: r.Code, Name: r.Name, CreatedAt: r.Created.time()}
}

type departmentRow struct {
	ID        string `gorm:"primaryKey"`
	FacultyID string
	Code      string
	Name      string
	Created   dbTime `gorm:"column:created_at"`
}

func (departmentRow) TableName() string { return "departments" }

func (r departmentRow) department() issuer.Department {
	return issuer.Department{ID: r.ID, FacultyID: r.FacultyID, Code: r.Code, Name: r.Name, CreatedAt: r.Created.time()}
}

// CreateFaculty stores f; its code is unique.
func (d *DB) CreateFaculty(ctx context.Context, f *issuer.Faculty) error {
	if f.ID == "" {
		f.ID = issuer.NewID()
	}
	f.CreatedAt = d.stamp(f.CreatedAt)
	row := facultyRow{ID: f.ID, Code: f.Code, Name: f.Name, Created: at(f.CreatedAt)}
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:        opf("create faculty %s", f.ID),
		duplicate: opf("a faculty with code %s already exists", f.Code),
	})
}

// GetFaculty returns a faculty.
func (d *DB) GetFaculty(ctx context.Context, id string) (*issuer.Faculty, error) {
	var row facultyRow
	err := d.db(ctx).Where("id = ?", id).Take(&row).Error
	if err := translate(err, failure{op: opf("get faculty %s", id), notFound: opf("faculty %s not found", id)}); err != nil {
		return nil, err
	}
	f := row.faculty()
	return &f, nil
}

// ListFaculties returns a page of faculties, oldest first.
func (d *DB) ListFaculties(ctx context.Context, p issuer.Page) ([]issuer.Faculty, error) {
	var rows []facultyRow
	if err := paged(d.db(ctx), p).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: "list faculties"})
	}
	return mapRows(rows, facultyRow.faculty), nil
}

// CreateDepartment stores dep; its code is unique and its faculty must exist.
func (d *DB) CreateDepartment(ctx context.Context, dep *issuer.Department) error {
	if dep.ID == "" {
		dep.ID = issuer.NewID()
	}
	dep.CreatedAt = d.stamp(dep.CreatedAt)
	row := departmentRow{ID: dep.ID, FacultyID: dep.FacultyID, Code: dep.Code, Name: dep.Name, Created: at(dep.CreatedAt)}
	return translate(d.db(ctx).Create(&row).Error, failure{
		op:         opf("create department %s", dep.ID),
		duplicate:  opf("a department with code %s already exists", dep.Code),
		missingRef: opf("faculty %s not found", dep.FacultyID),
	})
}

// GetDepartment returns a department.
func (d *DB) GetDepartment(ctx context.Context, id string) (*issuer.Department, error) {
	var row departmentRow
	err := d.db(ctx).Where("id = ?", id).Take(&row).Error
	if err := translate(err, failure{op: opf("get department %s", id), notFound: opf("department %s not found", id)}); err != nil {
		return nil, err
	}
	dep := row.department()
	return &dep, nil
}

// ListDepartments returns a page of departments, oldest first.
func (d *DB) ListDepartments(ctx context.Context, p issuer.Page) ([]issuer.Department, error) {
	var rows []departmentRow
	if err := paged(d.db(ctx), p).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err, failure{op: "list departments"})
	}
	return mapRows(rows, departmentRow.department), nil
}
