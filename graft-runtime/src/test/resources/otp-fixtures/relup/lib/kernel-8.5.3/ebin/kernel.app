{application,kernel,
             [{description,"A Graft relup fixture"},
              {vsn,"8.5.3"},
              {modules,[]},
              {registered,[]},
              {applications,[]}]}.
